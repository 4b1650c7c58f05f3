import type { Queryable } from '../../db/database';
import {
  decideItem,
  findSignable,
  insertItem,
  insertMeeting,
  insertPresentation,
  insertSignoff,
  listItems,
} from '../../db/repositories/meetings';
import {
  DEFAULT_MATERIAL_LEAD_DAYS,
  nthWeekday,
  type Participant,
} from '../../domain/governance/meetings';
import { formatKroner, ore } from '../../domain/money';
import { addDays, formatDanishDate, TIME_ZONE, type IsoDate } from '../../domain/months';

/**
 * The demo's visitation meetings and committee calendar, made from the demo's ordinary records:
 *
 * - Visitation meetings of the unit that holds the efterværn cases, monthly (second Thursday)
 *   for the year up to the newest efterværn decision in the cases. Each efterværn intervention
 *   decided in that year is on the agenda of the last meeting before its decision and bevilget
 *   there with its own amount; every fourth was first udsat at the meeting before. The meeting
 *   after the last decision has cases put forward and still open.
 * - The political committee meets monthly (second Tuesday, not in July) with the deadline for
 *   material two weeks before. Status reports go in the May and November rounds; the demo's
 *   status report (status maj 2020, written 2 June 2020) was signed off by ledelse and presented
 *   at the first meeting after it, and each action plan at the first meeting after its newest
 *   version, when that meeting has been held.
 *
 * Nothing here changes a case, a figure or a plan: meetings only record what was decided.
 */

const FREQUENCY_TEXT: Record<string, string> = {
  monthly: 'pr. måned',
  daily: 'pr. dag',
  weekly: 'pr. uge',
  quarterly: 'pr. kvartal',
  yearly: 'pr. år',
};

interface AftercareRow {
  caseId: string;
  caseRef: string;
  ref: string;
  decidedOn: IsoDate;
  startDate: IsoDate;
  endDate: IsoDate | null;
  provider: string;
  paragraph: string;
  amountOre: number | null;
  frequency: string | null;
}

export async function seedDemoGovernanceMeetings(tx: Queryable, today: IsoDate): Promise<void> {
  await seedVisitationMeetings(tx, today);
  await seedCommitteeCalendar(tx, today);
}

async function seedVisitationMeetings(tx: Queryable, today: IsoDate): Promise<void> {
  const [unit] = await tx.query<{ id: string; name: string }>(
    `SELECT u.id, u.name FROM units u JOIN cases c ON c.unit_id = u.id
       JOIN case_interventions i ON i.case_id = c.id
      WHERE i.category = 'eftervaern' AND i.kind = 'main'
      GROUP BY u.id, u.name ORDER BY count(*) DESC, u.name LIMIT 1`,
  );
  if (!unit) return;
  const rows = await tx.query<AftercareRow>(
    `SELECT c.id AS "caseId", c.ref AS "caseRef", i.ref, to_char(i.decided_on, 'YYYY-MM-DD') AS "decidedOn",
            to_char(i.start_date, 'YYYY-MM-DD') AS "startDate", to_char(i.end_date, 'YYYY-MM-DD') AS "endDate",
            p.name AS provider, i.paragraph,
            (i.payment->>'amountOre')::bigint AS "amountOre", i.payment->>'frequency' AS frequency
       FROM case_interventions i JOIN cases c ON c.id = i.case_id
       JOIN providers p ON p.id = i.provider_id
      WHERE c.unit_id = $1 AND i.category = 'eftervaern' AND i.kind = 'main'
        AND i.status = 'granted' AND i.decided_on <= $2
      ORDER BY i.decided_on, c.ref, i.ref`,
    [unit.id, today],
  );
  const last = rows.at(-1)?.decidedOn;
  if (!last) return;
  const from = addDays(last, -365);
  const decided = rows.filter((r) => r.decidedOn > from && r.amountOre !== null);

  // the meetings: the second Thursday of each month of the year up to the last decision, and the
  // next one after it (where cases are still open)
  const dates: IsoDate[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const d = nthWeekday(y, m, 4, 2);
    if (d > from) dates.push(d);
    if (d > last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  // the unit's funktionsleder is its responsible person (no demo login); the faglig
  // koordinator and a rådgiver are the demo users who work with the unit's cases
  const [responsible] = await tx.query<{ responsible: string | null }>(
    'SELECT responsible FROM units WHERE id = $1',
    [unit.id],
  );
  const people = await tx.query<{ role: string; name: string; username: string }>(
    `SELECT r.role, u.display_name AS name, u.username FROM users u, unnest(u.roles) AS r(role)
      WHERE u.is_active AND r.role IN ('faglig_koordinator', 'raadgiver')
        AND EXISTS (SELECT 1 FROM user_units uu WHERE uu.user_id = u.id AND uu.unit_id = $1)
      ORDER BY u.username`,
    [unit.id],
  );
  const leaderName = (responsible?.responsible ?? '').replace(/^Funktionsleder\s+/i, '');
  const coordinator = people.find((p) => p.role === 'faglig_koordinator');
  const caseworker = people.find((p) => p.role === 'raadgiver');
  const participants: Participant[] = [
    ...(leaderName ? [{ role: 'funktionsleder' as const, name: leaderName }] : []),
    ...(coordinator ? [{ role: 'faglig_koordinator' as const, name: coordinator.name }] : []),
    ...(caseworker ? [{ role: 'raadgiver' as const, name: caseworker.name }] : []),
  ];
  const proposer = caseworker?.username ?? coordinator?.username ?? 'system';
  const decider = leaderName || 'system';

  const meetingIds = new Map<IsoDate, string>();
  for (const date of dates) {
    meetingIds.set(
      date,
      await insertMeeting(tx, {
        kind: 'visitation',
        heldOn: date,
        unitId: unit.id,
        title: `Visitationsmøde, ${unit.name}`,
        materialDeadline: null,
        participants,
        note: '',
        by: decider,
        at: at(addDays(date, -7)),
      }),
    );
  }
  /** The last meeting held on or before `date`. */
  const meetingBefore = (date: IsoDate) => dates.filter((d) => d <= date).at(-1);

  for (const [n, row] of decided.entries()) {
    const heldOn = meetingBefore(row.decidedOn);
    if (!heldOn) continue;
    const summary = `Efterværn (${row.paragraph || 'Barnets lov § 114'}): ${row.provider}, fra ${formatDanishDate(row.startDate)}`;
    const earlier = n % 4 === 3 ? dates[dates.indexOf(heldOn) - 1] : undefined;
    if (earlier) {
      await putForwardAndDecide(tx, {
        meetingId: meetingIds.get(earlier) ?? '',
        heldOn: earlier,
        row,
        summary,
        proposer,
        decider,
        decision: 'udsat',
        reason: 'Udsat: afventer opdateret handleplan og den unges egen vurdering.',
      });
    }
    const amount =
      `${formatKroner(ore(row.amountOre ?? 0))} kr. ${FREQUENCY_TEXT[row.frequency ?? ''] ?? ''}`.trim();
    await putForwardAndDecide(tx, {
      meetingId: meetingIds.get(heldOn) ?? '',
      heldOn,
      row,
      summary,
      proposer,
      decider,
      decision: 'bevilget',
      reason: `Bevilget ${amount}${row.endDate ? ` til ${formatDanishDate(row.endDate)}` : ''}; følges op ved næste sagsgennemgang.`,
      amountOre: row.amountOre ?? 0,
    });
  }

  // the next meeting: aftercare that ends soon is put forward for continuation, not yet decided
  const next = dates.at(-1);
  if (next && next > last) {
    const ending = rows
      .filter((r) => r.endDate && r.endDate > next)
      .sort((a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? ''))
      .slice(0, 2);
    for (const row of ending) {
      await insertItem(tx, {
        meetingId: meetingIds.get(next) ?? '',
        caseId: row.caseId,
        approvalId: null,
        interventionRef: row.ref,
        summary: `Forlængelse af efterværn (${row.provider}), der ophører ${formatDanishDate(row.endDate as IsoDate)}`,
        by: proposer,
        at: at(addDays(next, -5)),
      });
    }
  }
}

async function putForwardAndDecide(
  tx: Queryable,
  input: {
    meetingId: string;
    heldOn: IsoDate;
    row: AftercareRow;
    summary: string;
    proposer: string;
    decider: string;
    decision: 'bevilget' | 'udsat';
    reason: string;
    amountOre?: number;
  },
): Promise<void> {
  const itemId = await insertItem(tx, {
    meetingId: input.meetingId,
    caseId: input.row.caseId,
    approvalId: null,
    interventionRef: input.row.ref,
    summary: input.summary,
    by: input.proposer,
    at: at(addDays(input.heldOn, -5)),
  });
  if (!itemId) return;
  const item = (await listItems(tx, input.meetingId)).find((i) => i.id === itemId);
  await decideItem(tx, {
    itemId,
    version: item?.version ?? 1,
    decision: input.decision,
    reason: input.reason,
    amountOre: input.amountOre === undefined ? null : ore(input.amountOre),
    by: input.decider,
    at: at(input.heldOn, 12),
  });
}

/** A moment on a date (UTC, mid-morning Danish time by default). */
function at(date: IsoDate, hour = 9): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
}

async function seedCommitteeCalendar(tx: Queryable, today: IsoDate): Promise<void> {
  const lastYear = Number(today.slice(0, 4)) + 1;
  const meetings: { id: string; heldOn: IsoDate }[] = [];
  for (let year = 2018; year <= lastYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (month === 7) continue;
      const heldOn = nthWeekday(year, month, 2, 2);
      if (year === lastYear && month > 2) break;
      const round = month === 5 ? ' (status maj)' : month === 11 ? ' (status november)' : '';
      const id = await insertMeeting(tx, {
        kind: 'committee',
        heldOn,
        unitId: null,
        title: `Børne- og Ungeudvalget${round}`,
        materialDeadline: addDays(heldOn, -DEFAULT_MATERIAL_LEAD_DAYS),
        participants: [],
        note: '',
        by: 'okonomi',
        at: at(`${year - 1}-12-01` as IsoDate),
      });
      meetings.push({ id, heldOn });
    }
  }
  const ledelse = await tx.query<{ username: string; name: string }>(
    `SELECT username, display_name AS name FROM users WHERE 'ledelse' = ANY(roles) ORDER BY username LIMIT 1`,
  );
  const signer = ledelse[0];
  if (!signer) return;
  const objects = [
    ...(
      await tx.query<{ id: string; ready: string }>(
        `SELECT id, to_char(updated_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS ready FROM status_reports`,
      )
    ).map((o) => ({ ...o, type: 'status_report' as const })),
    ...(
      await tx.query<{ id: string; ready: string }>(
        `SELECT id, to_char(updated_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS ready FROM action_plans`,
      )
    ).map((o) => ({ ...o, type: 'action_plan' as const })),
  ];
  for (const object of objects) {
    const signedOn = addDays(object.ready as IsoDate, 1);
    const meeting = meetings.find((m) => m.heldOn > signedOn);
    if (!meeting || meeting.heldOn > today) continue;
    const current = await findSignable(tx, object.type, object.id);
    if (!current) continue;
    const signoffId = await insertSignoff(tx, {
      objectType: object.type,
      objectId: object.id,
      objectVersion: current.version,
      status: 'signed',
      requestedBy: 'okonomi',
      requestedAt: at(object.ready as IsoDate, 12),
      signedBy: signer.username,
      signedByName: signer.name,
      signedAt: at(signedOn),
    });
    await insertPresentation(tx, {
      meetingId: meeting.id,
      objectType: object.type,
      objectId: object.id,
      objectVersion: current.version,
      signoffId,
      by: 'okonomi',
      at: at(meeting.heldOn, 15),
    });
  }
}
