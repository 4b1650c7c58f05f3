import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_REPORT_MAY_2020 } from '../../src/server/demo/status-report';
import da from '../../src/shared/i18n/da/cases.json';
import type { StatusReportJson } from '../../src/shared/schemas/status-report';
import { decodeText } from '../../src/shared/text-encoding';
import {
  categoryValues,
  guessMapping,
  matchCategory,
  parseCsv,
  toCasesDocument,
} from '../../src/web/features/cases/csv-import';
import { ensureProviders } from '../../src/db/repositories/providers';
import { createTestApp, createUnit, createUser, TestClient, type TestContext } from '../app';

/**
 * A case system's CSV as Danish Excel saves it (Windows-1252, `;`, Danish dates and amounts,
 * categories written as their Danish names) goes through the import screen's conversion and
 * `POST /api/cases/import`: names the catalogue knows land in their category, and a value it
 * does not know is refused until the user maps it; a case never gets a new category.
 */
let ctx: TestContext;
let okonomi: TestClient;

const names: Record<string, string> = da.cases.categories;
const fixture = () =>
  readFile(new URL('../fixtures/cases/dubu-2020-windows-1252.csv', import.meta.url));

beforeAll(async () => {
  ctx = await createTestApp();
  const unitId = await createUnit(ctx.db, 'Myndighed børn og unge');
  // the providers the file names are in the register (as written, æ, ø and the en dash)
  await ensureProviders(
    ctx.db,
    [
      { name: 'Ungeteamet', external: false },
      { name: 'Familiecentret – Øst', external: false },
      { name: 'Kontakt ApS', external: true },
    ],
    'test',
    ctx.deps.now(),
  );
  await createUser(ctx.db, { username: 'okonomi', roles: ['okonomikonsulent'], unitIds: [unitId] });
  okonomi = new TestClient(ctx);
  await okonomi.login('okonomi');
});
afterAll(() => ctx.close());

async function read() {
  const { text, encoding } = decodeText(new Uint8Array(await fixture()));
  const { header, rows } = parseCsv(text);
  return { encoding, header, rows, mapping: guessMapping(header) };
}

describe('the case CSV import from Danish Excel', () => {
  it('reads Windows-1252: æ, ø and the en dash arrive as written and every column is found', async () => {
    const { encoding, header, rows, mapping } = await read();
    expect(encoding).toBe('windows-1252');
    expect(header).toContain('Fødselsdato');
    expect(mapping).toMatchObject({ birthDate: 'Fødselsdato', providerName: 'Leverandør' });
    expect(rows[1]?.[header.indexOf('Leverandør')]).toBe('Familiecentret – Øst');
    expect(categoryValues(rows, header, mapping)).toEqual([
      'Efterværn',
      'FAMILIEBEHANDLING',
      'Støttekontakt',
    ]);
    expect(matchCategory('Efterværn', names)).toBe('eftervaern');
    expect(matchCategory('FAMILIEBEHANDLING', names)).toBe('familiebehandling');
    expect(matchCategory('Anbringelse i plejefamilie', names)).toBe('anbringelse-plejefamilie');
    expect(matchCategory('Støttekontakt', names)).toBeNull();
  });

  it('refuses a category the catalogue does not know, naming its line, and stores nothing', async () => {
    const { header, rows, mapping } = await read();
    const known = Object.fromEntries(
      categoryValues(rows, header, mapping).flatMap((v) => {
        const code = matchCategory(v, names);
        return code ? [[v, code]] : [];
      }),
    );
    const { document } = toCasesDocument(rows, header, mapping, known);
    const response = await okonomi.post('/api/cases/import', document);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toEqual([
      {
        path: 'cases.2.interventions.0.category',
        code: 'unknown_category',
        message: expect.stringContaining('Kategorien findes ikke') as string,
      },
    ]);
    const [count] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(count?.n).toBe(0);
  });

  it('imports with the user’s mapping: «Efterværn» lands in the efterværn group and the status report', async () => {
    const { header, rows, mapping } = await read();
    const categories = Object.fromEntries(
      categoryValues(rows, header, mapping).map((v) => [
        v,
        matchCategory(v, names) ?? (v === 'Støttekontakt' ? 'kontaktperson' : ''),
      ]),
    );
    const { document } = toCasesDocument(rows, header, mapping, categories);
    const response = await okonomi.post('/api/cases/import', document);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ created: 3 });

    const stored = await ctx.db.query<{ ref: string; category: string; provider_name: string }>(
      `SELECT c.ref, i.category, p.name AS provider_name FROM case_interventions i
         JOIN cases c ON c.id = i.case_id JOIN providers p ON p.id = i.provider_id ORDER BY c.ref`,
    );
    expect(stored).toEqual([
      { ref: 'E-1', category: 'eftervaern', provider_name: 'Ungeteamet' },
      { ref: 'E-2', category: 'familiebehandling', provider_name: 'Familiecentret – Øst' },
      { ref: 'E-3', category: 'kontaktperson', provider_name: 'Kontakt ApS' },
    ]);

    // 12 × 12.500 kr. in 2020: the efterværn group's whole figure
    const statement = (await (
      await okonomi.get(
        '/api/commitments/statement?year=2020&asOf=2020-05-31&by=category&group=eftervaern',
      )
    ).json()) as { expected: { total: number }; rows: { key: string; expected: number }[] };
    expect(statement.expected.total).toBe(150_000);
    expect(statement.rows).toMatchObject([{ key: 'eftervaern', expected: 150_000 }]);

    const created = await okonomi.post('/api/status-reports', {
      ...STATUS_REPORT_MAY_2020,
      focusAreas: STATUS_REPORT_MAY_2020.focusAreas.slice(0, 1),
    });
    expect(created.status).toBe(201);
    const report = (await created.json()) as StatusReportJson;
    expect(report.focusAreas[0]?.figures.cost?.current.amount).toBe(150_000);
  });
});
