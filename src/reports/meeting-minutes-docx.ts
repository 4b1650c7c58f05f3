import { Document, Packer, Paragraph, Table, TableLayoutType, TableRow } from 'docx';
import type { MeetingJson } from '../shared/schemas/meetings';
import { cell, DOCUMENT_STYLES, heading, landscapePage, text } from './docx-parts';
import { minutesView } from './meeting-minutes-view';

const WIDTHS = [500, 1500, 3600, 1300, 4300, 1600];

/** The minutes (referat) of a visitation meeting as a Word document: facts, participants, decisions. */
export async function renderMinutesDocx(meeting: MeetingJson): Promise<Buffer> {
  const v = minutesView(meeting);
  const facts = new Table({
    layout: TableLayoutType.FIXED,
    rows: v.facts.map(
      ([label, value]) =>
        new TableRow({
          children: [cell(`${label}:`, { bold: true, width: 2400 }), cell(value, { width: 6400 })],
        }),
    ),
  });
  const agenda = new Table({
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: v.headers.map((h, i) => cell(h, { head: true, width: WIDTHS[i] ?? 1000 })),
      }),
      ...v.rows.map(
        (row) =>
          new TableRow({
            children: row.map((c, i) =>
              cell(c, { width: WIDTHS[i] ?? 1000, right: i === row.length - 1 }),
            ),
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'Overblik',
    title: v.title,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: landscapePage(900),
        children: [
          new Paragraph({
            spacing: { after: 200 },
            children: [text(v.title, { bold: true, size: 32 })],
          }),
          facts,
          heading(v.participantsTitle),
          ...v.participants.map(
            (p) => new Paragraph({ bullet: { level: 0 }, children: [text(p)] }),
          ),
          heading(v.agendaTitle),
          agenda,
          ...(v.note ? [heading(v.noteTitle), new Paragraph({ children: [text(v.note)] })] : []),
          new Paragraph({ spacing: { before: 240 }, children: [text(v.footer, { size: 18 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
