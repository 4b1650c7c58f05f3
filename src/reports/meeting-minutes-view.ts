import { formatKroner, kronerFromJsonNumber } from '../domain/money';
import { formatDanishDate, parseIsoDate } from '../domain/months';
import type { MeetingJson } from '../shared/schemas/meetings';
import { translate } from '../shared/i18n/translate';

/** The minutes (referat) of a visitation meeting as lines and table rows, for Word and PDF alike. */

export const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`meetings.minutes.${key}`, params);

const date = (iso: string) => {
  const d = parseIsoDate(iso);
  return d ? formatDanishDate(d) : iso;
};

/** `12.500` kr. for a kroner amount from the API, or '' when there is none. */
export function amountText(kroner: number | null): string {
  if (kroner === null) return '';
  const r = kronerFromJsonNumber(kroner);
  return r.ok ? `${formatKroner(r.value)} kr.` : '';
}

export function minutesView(meeting: MeetingJson) {
  const items = meeting.items ?? [];
  return {
    title: t('title', { date: date(meeting.heldOn) }),
    facts: [
      [t('meeting'), meeting.title],
      [t('date'), date(meeting.heldOn)],
      [t('unit'), meeting.unitName ?? ''],
    ] as [string, string][],
    participantsTitle: t('participants'),
    participants: meeting.participants.map(
      (p) => `${p.name} (${translate(`meetings.roles.${p.role}`)})`,
    ),
    agendaTitle: t('agenda'),
    headers: [t('no'), t('case'), t('matter'), t('decision'), t('reason'), t('amount')],
    rows: items.map((i) => [
      String(i.position),
      i.caseRef,
      [i.summary, i.interventionRef ? `${t('intervention')} ${i.interventionRef}` : '']
        .filter(Boolean)
        .join('\n'),
      i.decision ? translate(`meetings.decisions.${i.decision}`) : t('undecided'),
      i.reason ?? '',
      amountText(i.amount),
    ]),
    note: meeting.note,
    noteTitle: t('note'),
    footer: t('footer', {
      count: items.length,
      decided: items.filter((i) => i.decision && i.decision !== 'udsat').length,
      postponed: items.filter((i) => i.decision === 'udsat').length,
    }),
  };
}
