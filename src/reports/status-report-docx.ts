import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import { oreFromKroner } from '../domain/money';
import { formatDanishDate, parseIsoDate, type IsoDate } from '../domain/months';
import { reportMillions } from '../domain/status-report/report';
import type { StatusReportFocusAreaJson, StatusReportJson } from '../shared/schemas/status-report';
import { translate } from '../shared/i18n/translate';
import { indicatorSentences, indicatorTitle } from '../shared/indicator-text';
import { cell, DOCUMENT_STYLES, text } from './docx-parts';

const t = (key: string, params: Record<string, string | number> = {}) =>
  translate(`reports.${key}`, params);

const danishDate = (iso: string) => {
  const date = parseIsoDate(iso);
  return date ? formatDanishDate(date) : iso;
};
const decimals = (n: number) =>
  new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
/** The month's Danish name, e.g. `maj`. */
export const monthName = (iso: IsoDate | string) =>
  new Intl.DateTimeFormat('da-DK', { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T12:00:00Z`),
  );
const mio = (kroner: number) => reportMillions(oreFromKroner(kroner));

const run = (value: string, bold = false, size = 20) => text(value, { bold, size });

function paragraphs(value: string, size = 20): Paragraph[] {
  return value
    .split('\n')
    .filter((line, i, all) => line.trim() !== '' || all.length === 1)
    .map((line) => new Paragraph({ spacing: { after: 80 }, children: [run(line, false, size)] }));
}

/** The sentence with the baseline figures for the Handling column. */
export function baselineSentence(area: StatusReportFocusAreaJson): string[] {
  const lines: string[] = [];
  const { cost, families } = area.figures;
  if (cost)
    lines.push(t('baselineCost', { year: cost.baseline.year, amount: mio(cost.baseline.amount) }));
  if (families)
    lines.push(
      t('baselineFamilies', {
        date: danishDate(families.baseline.date),
        families: families.baseline.families,
        band: families.band,
        perFamily: decimals(families.baseline.perFamily),
      }),
    );
  return lines;
}

/** The sentence with the current figures for the Status column. */
export function currentSentence(area: StatusReportFocusAreaJson): string[] {
  const lines: string[] = [];
  const { cost, families } = area.figures;
  if (cost)
    lines.push(
      t('currentCost', { date: danishDate(cost.current.asOf), amount: mio(cost.current.amount) }),
    );
  if (families)
    lines.push(
      t('currentFamilies', {
        date: danishDate(families.current.date),
        families: families.current.families,
        band: families.band,
        perFamily: decimals(families.current.perFamily),
      }),
    );
  return lines;
}

const WIDTHS = [2600, 3400, 3600];

/**
 * The status report as a Word document laid out like the committee paper: title, the
 * introduction, the three-column table Fokus / Handling / Status with the figures in Danish
 * format (`8,5 mio. kr.`), and the closing text.
 */
export async function renderStatusReportDocx(report: StatusReportJson): Promise<Buffer> {
  const head = new TableRow({
    tableHeader: true,
    children: [
      t('focus', { year: report.year }),
      t('action'),
      t('statusAt', { month: monthName(report.asOf), year: report.year }),
    ].map((label, i) =>
      cell([new Paragraph({ children: [run(label, true)] })], {
        head: true,
        roomy: true,
        width: WIDTHS[i] ?? 3000,
      }),
    ),
  });
  const rows = report.focusAreas.map(
    (area) =>
      new TableRow({
        children: [
          cell(paragraphs(area.title), { roomy: true, width: WIDTHS[0] ?? 3000 }),
          cell(
            [...paragraphs(area.action), ...baselineSentence(area).flatMap((s) => paragraphs(s))],
            { roomy: true, width: WIDTHS[1] ?? 3000 },
          ),
          cell(
            [...paragraphs(area.judgement), ...currentSentence(area).flatMap((s) => paragraphs(s))],
            { roomy: true, width: WIDTHS[2] ?? 3000 },
          ),
        ],
      }),
  );
  const note =
    report.status === 'final' && report.finalisedAt
      ? t('frozen', {
          date: danishDate(report.finalisedAt.slice(0, 10)),
          user: report.finalisedBy ?? '',
        })
      : t('live');
  const doc = new Document({
    creator: 'Overblik',
    title: report.title,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        children: [
          ...(report.intro ? paragraphs(report.intro, 22) : []),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            spacing: { before: 240, after: 120 },
            children: [run(report.title, true, 28)],
          }),
          new Table({
            layout: TableLayoutType.FIXED,
            width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
            rows: [head, ...rows],
          }),
          new Paragraph({ spacing: { before: 200 }, children: [] }),
          ...(report.indicators
            ? [
                new Paragraph({
                  heading: HeadingLevel.HEADING_2,
                  spacing: { before: 120, after: 80 },
                  children: [
                    run(indicatorTitle(report.indicators, report.year, translate), true, 22),
                  ],
                }),
                ...indicatorSentences(report.indicators, translate).flatMap((line) =>
                  paragraphs(line),
                ),
                new Paragraph({ spacing: { before: 120 }, children: [] }),
              ]
            : []),
          ...(report.closing ? paragraphs(report.closing, 22) : []),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { before: 200 },
            children: [run(note, false, 16)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
