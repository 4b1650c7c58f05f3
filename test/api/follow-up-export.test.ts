import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';
import { docxText, pdfText } from '../documents';
import { insertPosting } from '../postings';

let ctx: TestContext;
let myndighed: string;
let handicap: string;
let roundId: string;

const post = (unit: string, date: string, fn: string, ore: number) =>
  insertPosting(ctx.db, { unitId: unit, postedOn: date, accountFunction: fn, amountOre: ore });

const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

/** A sheet's rows as arrays of cell values from column A (empty rows left out). */
const rowsOf = (sheet: ExcelJS.Worksheet | undefined): unknown[][] =>
  (sheet?.getSheetValues() ?? [])
    .filter((row): row is ExcelJS.CellValue[] => Array.isArray(row))
    .map((row) => Array.from(row).slice(1));

beforeAll(async () => {
  ctx = await createTestApp();
  myndighed = await createUnit(ctx.db, 'Myndighed, det specialiserede børneområde');
  handicap = await createUnit(ctx.db, 'Børnehandicap');
  await createUser(ctx.db, {
    username: 'okonomi',
    displayName: 'Ole Økonomi',
    roles: ['okonomikonsulent'],
    unitIds: [myndighed, handicap],
  });
  await createUser(ctx.db, { username: 'leder', roles: ['funktionsleder'], unitIds: [handicap] });
  const c = new TestClient(ctx);
  await c.login('okonomi');
  await c.put('/api/budgets/2026', {
    lines: [
      { unitId: myndighed, accountFunction: '5.28.21', original: 1_000_000 },
      { unitId: myndighed, accountFunction: '5.28.23', original: 2_000_000 },
      { unitId: handicap, accountFunction: '5.28.25', original: 500_000 },
    ],
  });
  // Øre on both of Myndighed's lines: each rounds up, their sum must not be a krone too high.
  await post(myndighed, '2026-02-10', '5.28.21', 700_000_50);
  await post(myndighed, '2026-02-10', '5.28.23', 1_600_000_50);
  await post(handicap, '2026-02-10', '5.28.25', 100_000_00);
  const first = await c.post('/api/follow-up/rounds', {
    year: 2026,
    name: 'Budgetopfølgning 1, 2026',
    asOf: '2026-03-31',
    intake: { method: 'none' },
  });
  expect(first.status).toBe(201);
  await post(myndighed, '2026-04-10', '5.28.23', 700_000_00);
  const second = await c.post('/api/follow-up/rounds', {
    year: 2026,
    name: 'Budgetopfølgning 2, 2026',
    asOf: '2026-04-30',
    intake: { method: 'none' },
  });
  expect(second.status).toBe(201);
  const round = (await second.json()) as {
    id: string;
    lines: { id: string; unitId: string; accountFunction: string; version: number }[];
  };
  roundId = round.id;
  const line = round.lines.find((l) => l.accountFunction === '5.28.23');
  const commented = await c.put(`/api/follow-up/lines/${line?.id}/comment`, {
    comment: 'To nye anbringelser i april',
    version: line?.version,
  });
  expect(commented.status).toBe(200);
  // A plan drafted after the round was frozen is not in the round's document.
  ctx.setNow(new Date('2026-11-24T09:00:00Z'));
  expect((await c.login('okonomi')).status).toBe(200);
  const draft = await c.post(`/api/units/${myndighed}/action-plan-draft`, { year: 2026 });
  expect(draft.status).toBeLessThan(300);
});
afterAll(() => ctx.close());

describe('a follow-up round as the committee document', () => {
  it('is a workbook with the exact figures, live totals and the overview by unit', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const r = await c.get(`/api/follow-up/rounds/${roundId}/export?format=xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toContain('budgetopfoelgning-2-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytes(r)) as never);
    const lines = wb.getWorksheet('Linjer');
    const values = rowsOf(lines);
    const row23 = values.find((v) => String(v[1]).startsWith('5.28.23'));
    // budget, actuals, gross, refusion, net, overspend; and the comment
    expect(row23?.slice(2, 9)).toEqual([
      2_000_000,
      2_300_000.5,
      2_300_000.5,
      0,
      2_300_000.5,
      300_000.5,
      'To nye anbringelser i april',
    ]);
    const grand = values.find((v) => v[0] === 'Hele området i alt');
    const grandOverspend = grand?.[7] as { formula: string; result: number };
    expect(grandOverspend.formula).toMatch(/^H\d+\+H\d+$/);
    expect(grandOverspend.result).toBe(3_000_001 - 3_000_000 + 100_000 - 500_000);

    const summary = wb.getWorksheet('Overblik');
    const rows = rowsOf(summary);
    const heading = rows.find((v) => v[0] === 'Enhed');
    expect(heading?.[7]).toBe('Ændring siden forrige opfølgning');
    const m = rows.find((v) => v[0] === 'Myndighed, det specialiserede børneområde');
    // whole kroner adding up: 700.000,50 + 2.300.000,50 is 3.000.001, not 3.000.002
    expect(m?.slice(1, 9)).toEqual([
      3_000_000,
      3_000_001,
      3_000_001,
      0,
      3_000_001,
      1,
      '+700.000',
      'Nej',
    ]);
  });

  it('is a Word document with the overview, each unit’s lines and comments, and the plans as they stood', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const r = await c.get(`/api/follow-up/rounds/${roundId}/export?format=docx`);
    expect(r.status).toBe(200);
    const { paragraphs } = await docxText(await r.arrayBuffer());
    const text = paragraphs.join('\n');
    expect(paragraphs[0]).toBe('Budgetopfølgning 2, 2026');
    expect(text).toContain('Opgjort pr. 30.04.2026.');
    expect(text).toContain('Fastfrosset af Ole Økonomi den 23.11.2026.');
    expect(text).toContain('To nye anbringelser i april');
    expect(text).toContain('3.000.001');
    expect(text).toContain('+700.000');
    expect(text).toContain('Ændringen er målt mod Budgetopfølgning 1, 2026.');
    // the plan drafted the day after the round was frozen is not part of it
    expect(text).not.toContain('Kladde');
    expect(paragraphs.filter((p) => p === 'Ingen handleplan for året.')).toHaveLength(2);
  });

  it('is a PDF with the same figures and a chart of budget against forecast', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const r = await c.get(`/api/follow-up/rounds/${roundId}/export?format=pdf`);
    expect(r.status).toBe(200);
    const pdf = await bytes(r);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Budget og prognose (netto) pr. enhed');
    expect(text).toContain('3.000.001');
    expect(text).toContain('To nye anbringelser i april');
  });

  it('shows a head of unit only their own units, and answers bad requests in Danish', async () => {
    const c = new TestClient(ctx);
    await c.login('leder');
    const r = await c.get(`/api/follow-up/rounds/${roundId}/export?format=docx`);
    expect(r.status).toBe(200);
    const text = (await docxText(await r.arrayBuffer())).paragraphs.join('\n');
    expect(text).toContain('Børnehandicap');
    expect(text).not.toContain('Myndighed');
    const odt = await c.get(`/api/follow-up/rounds/${roundId}/export?format=odt`);
    expect(odt.status).toBe(422);
    expect(JSON.stringify(await odt.json())).toContain('Skal være docx, xlsx eller pdf.');
    const missing = await c.get(
      '/api/follow-up/rounds/00000000-0000-4000-8000-000000000000/export?format=pdf',
    );
    expect(missing.status).toBe(404);
  });
});

describe('comments on a round', () => {
  it('are saved together: all or none, a stale line stops the save and names itself', async () => {
    const c = new TestClient(ctx);
    await c.login('okonomi');
    const read = async () =>
      (await (await c.get(`/api/follow-up/rounds/${roundId}`)).json()) as {
        lines: {
          id: string;
          unitName: string;
          accountFunction: string;
          comment: string;
          version: number;
        }[];
      };
    const before = await read();
    const [a, b, untouched] = before.lines;
    const ok = await c.put(`/api/follow-up/rounds/${roundId}/comments`, {
      lines: [
        { id: a?.id, version: a?.version, comment: 'Første kommentar' },
        { id: b?.id, version: b?.version, comment: 'Anden kommentar' },
        { id: untouched?.id, version: untouched?.version, comment: untouched?.comment },
      ],
    });
    expect(ok.status).toBe(200);
    const after = await read();
    expect(after.lines.map((l) => l.comment).slice(0, 2)).toEqual([
      'Første kommentar',
      'Anden kommentar',
    ]);
    expect(after.lines[2]?.version).toBe(untouched?.version);

    // a's version is now stale: nothing of the save is stored, b included
    const stale = await c.put(`/api/follow-up/rounds/${roundId}/comments`, {
      lines: [
        { id: b?.id, version: after.lines[1]?.version, comment: 'Ny anden' },
        { id: a?.id, version: a?.version, comment: 'Ny første' },
      ],
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(await stale.json())).toContain(
      `Linjen ${a?.unitName} ${a?.accountFunction}`,
    );
    expect((await read()).lines.map((l) => l.comment).slice(0, 2)).toEqual([
      'Første kommentar',
      'Anden kommentar',
    ]);
    const audit = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'follow_up.comment'`,
    );
    expect(audit[0]?.n).toBe(3); // the comment in beforeAll and the two of the first save
  });

  it('refuses a line of another round, and a head of unit writing in a unit not theirs', async () => {
    const leder = new TestClient(ctx);
    await leder.login('leder');
    const round = (await (await leder.get(`/api/follow-up/rounds/${roundId}`)).json()) as {
      lines: { id: string; version: number }[];
    };
    const own = round.lines[0];
    const foreign = await leder.put(`/api/follow-up/rounds/${roundId}/comments`, {
      lines: [{ id: '00000000-0000-4000-8000-000000000000', version: 1, comment: 'x' }],
    });
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(await foreign.json())).toContain(
      'Linjen findes ikke i denne opfølgning.',
    );
    const mine = await leder.put(`/api/follow-up/rounds/${roundId}/comments`, {
      lines: [{ id: own?.id, version: own?.version, comment: 'Børnehandicap følger budgettet' }],
    });
    expect(mine.status).toBe(200);
  });
});
