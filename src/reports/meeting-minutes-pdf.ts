import type { MeetingJson } from '../shared/schemas/meetings';
import { drawRow, MARGIN, openPdf } from './action-plan-pdf';
import { minutesView } from './meeting-minutes-view';

/** The minutes (referat) of a visitation meeting as PDF (landscape A4, standard fonts). */
export async function renderMinutesPdf(meeting: MeetingJson): Promise<Buffer> {
  const v = minutesView(meeting);
  const { doc, done } = openPdf(v.title, 'landscape');
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(v.title).moveDown(0.5);
  for (const [label, value] of v.facts)
    drawRow(doc, [`${label}:`, value], [width * 0.2, width * 0.5], { fontSize: 9 });
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text(v.participantsTitle);
  doc.font('Helvetica').fontSize(9);
  if (v.participants.length) doc.list(v.participants, { bulletRadius: 1.5, textIndent: 10 });
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text(v.agendaTitle).moveDown(0.3);
  const widths = [0.04, 0.11, 0.26, 0.1, 0.35, 0.14].map((f) => width * f);
  const align = ['right', 'left', 'left', 'left', 'left', 'right'] as ('left' | 'right')[];
  drawRow(doc, v.headers, widths, { bold: true, fill: '#D9E2F3', align });
  for (const row of v.rows) drawRow(doc, row, widths, { align });
  if (v.note) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(11).text(v.noteTitle);
    doc.font('Helvetica').fontSize(9).text(v.note);
  }
  doc.moveDown();
  doc.font('Helvetica').fontSize(8).text(v.footer);
  doc.end();
  return done;
}
