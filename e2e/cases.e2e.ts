import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('cases and commitments', () => {
  it('shows the 2019 statement by category with aftercare at 8,5 mio. kr. and drills down to a case', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager`);
    await page.getByRole('heading', { level: 1, name: 'Disponeringsopgørelse' }).waitFor();
    await page.getByLabel('År').fill('2019');
    await page.getByLabel('Opgjort pr.').fill('2019-12-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Disponerede udgifter 2019 opgjort pr. 31.12.2019').waitFor();
    const row = page.getByRole('row', { name: /Efterværn/ });
    // the report states 8,5 mio. kr.; the demo's cases give it to that precision
    const amounts = ((await row.textContent()) ?? '').match(/\d{1,3}(?:\.\d{3})+/g) ?? [];
    expect(amounts.map((a) => Math.round(Number(a.replaceAll('.', '')) / 100_000) / 10)).toContain(
      8.5,
    );
    await expect(
      page.getByRole('img', { name: 'Disponeret pr. måned: forventet og bevilget' }).count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'cases-statement');

    await row.getByText(/Vis sager bag tallet/).click();
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Sag / }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('Efterværn');
    await expectAccessible(page);
    await screenshot(page, 'cases-case');
  });

  it('gives a reader the totals without the cases behind them', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'laeser');
    await page.goto(`${baseUrl()}/sager`);
    await page.getByLabel('År').fill('2019');
    await page.getByLabel('Opgjort pr.').fill('2019-12-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Disponerede udgifter 2019 opgjort pr. 31.12.2019').waitFor();
    const note = 'Du ser de samlede tal. Sagerne og husstandene bag tallene vises kun';
    await page.getByText(note).waitFor();
    await expect(page.getByText(/Vis sager bag tallet/).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: 'Sager' }).count()).resolves.toBe(0);
    // no tab for the case list or the import, which a reader may not open
    const tabs = page.getByRole('navigation', { name: 'Sager og disponering' });
    await expect(tabs.getByRole('link', { name: 'Sager', exact: true }).count()).resolves.toBe(0);
    await expect(tabs.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await expectAccessible(page);

    await page.goto(`${baseUrl()}/sager/refusion`);
    await page.getByLabel('År').fill('2021');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText(/Kilde:/).waitFor();
    await page.getByText(note).waitFor();
    await expect(page.getByRole('link', { name: 'Hent som Excel' }).count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it('counts 8 families (13–17) with more than one intervention in May 2020', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager/familier`);
    await page.getByLabel('Dato').fill('2020-05-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    const row = page.getByRole('row', { name: /13–17 år/ });
    await row.waitFor();
    // the row is there for the default date before the answer for 31.05.2020 arrives: wait for it
    await expect
      .poll(() => row.getByRole('cell').first().textContent(), { timeout: 30_000 })
      .toBe('8');
    await expectAccessible(page);
    await screenshot(page, 'cases-families');
  });

  it('shows movement and reimbursement accessibly', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager/bevaegelser`);
    await page.getByLabel('År').fill('2020');
    await page.getByLabel('Fra dato').fill('2019-12-31');
    await page.getByLabel('Til dato').fill('2020-05-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByRole('row', { name: /^Nye indsatser \d/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cases-movement');
    await page.goto(`${baseUrl()}/sager/refusion`);
    // the first year of the thresholds with the 75 % tier (L 197 (2019-20), from 1.1.2021)
    await page.getByLabel('År').fill('2021');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText(/Kilde:/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cases-reimbursement');
  });

  it('imports a CSV from a case system through a column mapping with a preview', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager/import`);
    await page.getByRole('heading', { level: 1, name: 'Importér sager' }).waitFor();
    const csv = [
      'Sag;Husstand;Enhed;Person;Fødselsdato;Indsats;Status;Besluttet;Kategori;Leverandør;Ekstern;Funktion;Startdato;Slutdato;Hyppighed;Dag i måneden;Beløb',
      'CSV-1;CH-1;Myndighed, det specialiserede børneområde;CP-1;14.03.2010;C-1;Bevilget;20.11.2024;familiebehandling;Familiecentret;nej;5.28.21;01.01.2025;31.12.2025;Månedligt;1;12.345,50',
    ].join('\n');
    await page.getByLabel('CSV- eller Excel-fil').setInputFiles({
      name: 'sager.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('row', { name: /CSV-1/ }).waitFor();
    await expect(page.getByRole('row', { name: /CSV-1/ }).textContent()).resolves.toContain(
      '12.345,50',
    );
    await expectAccessible(page);
    await screenshot(page, 'cases-csv-import');
    await page.getByRole('button', { name: 'Importér 1 rækker' }).click();
    // the file's provider is not in the register until it is mapped to a registered one
    // (another spec may have mapped it already: then the import goes through at once)
    const mapping = page.getByRole('group', { name: 'Leverandører, der ikke findes i registret' });
    const done = page.getByRole('status').filter({ hasText: '1 nye' });
    await Promise.race([mapping.waitFor(), done.waitFor()]);
    if (await mapping.isVisible()) {
      await mapping
        .getByLabel('«Familiecentret» er')
        .selectOption({ label: 'Slagelse Familie Center' });
      await mapping.getByRole('button', { name: 'Husk valgene og importér igen' }).click();
    }
    await done.waitFor();
  });

  it('reads a Windows-1252 CSV and has the user map a category the catalogue does not know', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    // The file names a provider the demo's register lacks ("Kontakt – Øst": a dash and an Ø
    // that Windows-1252 writes as one byte each); the finance partner registers it first, so
    // the import keeps the name exactly as decoded.
    const { csrfToken } = (await (await page.request.get(`${baseUrl()}/api/session`)).json()) as {
      csrfToken: string;
    };
    const registered = await page.request.post(`${baseUrl()}/api/providers`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { name: 'Kontakt – Øst', cvr: '', external: true },
    });
    expect(registered.status()).toBe(201);
    await page.goto(`${baseUrl()}/sager/import`);
    const csv = [
      'Sag;Husstand;Enhed;Person;Fødselsdato;Indsats;Status;Besluttet;Kategori;Leverandør;Ekstern;Funktion;Startdato;Slutdato;Hyppighed;Dag i måneden;Beløb',
      'ENC-1;EH-1;Myndighed, det specialiserede børneområde;EP-1;14.03.2006;E-1;Bevilget;20.11.2024;Efterværn;Ungeteamet;nej;5.28.23;01.01.2025;31.12.2025;Månedligt;1;2.500,00',
      'ENC-2;EH-2;Myndighed, det specialiserede børneområde;EP-2;02.05.2012;E-1;Bevilget;20.11.2024;Støttekontakt;Kontakt – Øst;ja;5.28.21;01.01.2025;31.12.2025;Månedligt;1;1.500,00',
    ].join('\r\n');
    // Windows-1252, as Danish Excel saves "CSV (semikolonsepareret)": æ, ø one byte each
    const bytes = Buffer.from([...csv].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));
    await page.getByLabel('CSV- eller Excel-fil').setInputFiles({
      name: 'sager-ansi.csv',
      mimeType: 'text/csv',
      buffer: bytes,
    });
    const categories = page.getByRole('group', { name: 'Kategorier' });
    await categories.waitFor();
    // a Danish name the catalogue knows is recognised; the unknown value waits for the user
    await expect(categories.getByLabel('«Efterværn»').inputValue()).resolves.toBe('eftervaern');
    const unknown = categories.getByLabel('«Støttekontakt»');
    await expect(unknown.inputValue()).resolves.toBe('');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Vælg en kategori til' }).textContent(),
    ).resolves.toContain('«Støttekontakt»');
    const submit = page.getByRole('button', { name: 'Importér 2 rækker' });
    await expect(submit.isDisabled()).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'cases-csv-categories');

    await unknown.focus();
    await unknown.selectOption({ label: 'Kontaktperson' });
    await expect(submit.isEnabled()).resolves.toBe(true);
    await submit.click();
    await expect(page.getByRole('status').last().textContent()).resolves.toContain('2 nye');

    const list = (await (await page.request.get(`${baseUrl()}/api/cases?q=ENC-`)).json()) as {
      cases: { id: string; ref: string }[];
    };
    const categoryOf = async (ref: string) => {
      const id = list.cases.find((c) => c.ref === ref)?.id ?? '';
      const detail = (await (await page.request.get(`${baseUrl()}/api/cases/${id}`)).json()) as {
        interventions: { category: string; provider: { name: string } }[];
      };
      return detail.interventions[0];
    };
    await expect(categoryOf('ENC-1')).resolves.toMatchObject({ category: 'eftervaern' });
    await expect(categoryOf('ENC-2')).resolves.toMatchObject({
      category: 'kontaktperson',
      provider: { name: 'Kontakt – Øst' },
    });
  });

  it('imports an Excel file from a case system through the same mapping', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager/import`);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Indsatser');
    sheet.addRow([
      'Sag',
      'Husstand',
      'Enhed',
      'Person',
      'Fødselsdato',
      'Indsats',
      'Status',
      'Besluttet',
      'Kategori',
      'Leverandør',
      'Ekstern',
      'Funktion',
      'Startdato',
      'Slutdato',
      'Hyppighed',
      'Dag i måneden',
      'Beløb',
    ]);
    sheet.addRow([
      'XLSX-1',
      'XH-1',
      'Myndighed, det specialiserede børneområde',
      'XP-1',
      new Date(Date.UTC(2010, 2, 14)),
      'X-1',
      'Bevilget',
      new Date(Date.UTC(2024, 10, 20)),
      'aflastning',
      'Aflastningsfamilie',
      'nej',
      '5.28.21',
      new Date(Date.UTC(2025, 0, 1)),
      new Date(Date.UTC(2025, 11, 31)),
      'Månedligt',
      1,
      6789.25,
    ]);
    await page.getByLabel('CSV- eller Excel-fil').setInputFiles({
      name: 'sager.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    const row = page.getByRole('row', { name: /XLSX-1/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('6.789,25');
    await expectAccessible(page);
    await screenshot(page, 'cases-xlsx-import');
    await page.getByRole('button', { name: 'Importér 1 rækker' }).click();
    await expect(page.getByRole('status').last().textContent()).resolves.toContain('1 nye');
  });

  it('an administrator enters a dated rate and regulated reimbursement thresholds', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'admin');
    await page.goto(`${baseUrl()}/sager/takster`);
    await page.getByRole('heading', { level: 1, name: 'Takster og refusionsgrænser' }).waitFor();
    await page.getByLabel('Takstkode').fill('vederlag-e2e');
    await page.getByLabel('Navn').fill('Plejefamilievederlag pr. måned');
    await page.getByLabel('Kilde').first().fill('KL, vejledende takster');
    await page.getByLabel('Gælder fra').first().fill('2026-01-01');
    await page.getByLabel('Beløb (kr.)').fill('4.694,50');
    await page.getByRole('button', { name: 'Gem takst' }).click();
    await page.getByText('Taksten vederlag-e2e er gemt.').waitFor();
    const rate = page.getByRole('row', { name: /vederlag-e2e/ });
    await expect(rate.textContent()).resolves.toContain('01.01.2026–indtil videre: 4.694,50 kr.');

    const thresholds = page.getByRole('form', { name: 'Indtast regulerede grænser' });
    await thresholds.getByLabel('Gælder fra').fill('2027-01-01');
    await thresholds.getByLabel('Grænse for 25 % (kr. pr. år)').fill('900.000');
    await thresholds.getByLabel('Grænse for 50 % (kr. pr. år)').fill('1.750.000');
    await thresholds.getByLabel('Grænse for 75 % (kr. pr. år)').fill('2.200.000');
    await thresholds.getByLabel('Kilde').fill('Barnets lov § 198, 2027-niveau');
    await thresholds.getByRole('button', { name: 'Gem grænser' }).click();
    await page.getByText('Grænserne fra 01.01.2027 er gemt.').waitFor();
    await expect(page.getByRole('row', { name: /01\.01\.2027/ }).textContent()).resolves.toContain(
      '1.750.000',
    );
    await expectAccessible(page);
    await screenshot(page, 'cases-rates');
  });

  it('a caseworker registers an intervention and an expected step-down by keyboard', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'raadgiver');
    const ref = `E2E-${Date.now()}`;
    await page.goto(`${baseUrl()}/sager/liste`);
    await page.getByRole('link', { name: 'Opret sag' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Opret sag' }).waitFor();
    await page.getByLabel('Sagsreference').fill(ref);
    await page.getByLabel('Husstand').fill(`H-${ref}`);
    await page
      .getByLabel('Enhed')
      .selectOption({ label: 'Myndighed, det specialiserede børneområde' });
    await page.getByLabel('Personreference').fill(`P-${ref}`);
    await page.getByLabel('Født').fill('2011-04-02');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();

    await page.getByRole('button', { name: 'Tilføj indsats' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Ny indsats' });
    await form.getByLabel('Kategori').selectOption({ label: 'Kontaktperson' });
    await form
      .getByLabel('Leverandør', { exact: true })
      .selectOption({ label: 'Slagelse Familie Center (intern leverandør)' });
    await form.getByLabel('Startdato').fill('2026-12-01');
    await form.getByLabel('Hyppighed').selectOption({ label: 'Dagligt' });
    await form.getByLabel('Beløb pr. betaling (kr.)').focus();
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.getByText('Indsatsen er gemt.').waitFor();
    await page.getByRole('button', { name: `Bevilg ${ref}-1` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Indsatsen er bevilget.').waitFor();
    const december = page.getByRole('row', { name: /^dec\. / });
    await expect(december.textContent()).resolves.toContain('15.500');
    // Nothing expected on the case: the month table shows what is granted, and no "expected" beside it.
    const monthly = page.getByRole('table').filter({ has: december });
    await expect(monthly.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Måned',
      'Bevilget',
    ]);

    await page.getByRole('button', { name: `Justér ${ref}-1` }).focus();
    await page.keyboard.press('Enter');
    const adjust = page.getByRole('form', { name: `Justér indsats ${ref}-1` });
    await adjust.getByLabel('Startdato').fill('2026-12-11');
    await adjust.getByLabel('Beløb pr. betaling (kr.)').fill('250');
    await adjust.getByLabel('Beløb pr. betaling (kr.)').press('Enter');
    await page.getByText('Den forventede justering er gemt og tæller med i prognosen.').waitFor();
    // granted 31 × 500 kr., expected 10 × 500 + 21 × 250 kr. (the case is read again after the
    // save, and the message can come before the new figures: wait for them)
    await expect
      .poll(async () => (await december.getByRole('cell').allTextContents()).slice(0, 2))
      .toEqual(['15.500', '10.250']);
    await expect(monthly.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Måned',
      'Bevilget',
      'Forventet',
      'Forskel',
    ]);
    await page.getByRole('heading', { name: 'Justeringskæder' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cases-adjustment');
  });

  it('a caseworker enters individual payments with Danish dates and is told of a date that does not exist', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'raadgiver');
    const ref = `E2E-IND-${Date.now()}`;
    await page.goto(`${baseUrl()}/sager/ny`);
    await page.getByLabel('Sagsreference').fill(ref);
    await page.getByLabel('Husstand').fill(`H-${ref}`);
    await page
      .getByLabel('Enhed')
      .selectOption({ label: 'Myndighed, det specialiserede børneområde' });
    await page.getByLabel('Personreference').fill(`P-${ref}`);
    await page.getByLabel('Født').fill('2.4.2011');
    await page.getByRole('button', { name: 'Opret sag' }).click();
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();

    await page.getByRole('button', { name: 'Tilføj indsats' }).click();
    const form = page.getByRole('form', { name: 'Ny indsats' });
    await form.getByLabel('Kategori').selectOption({ label: 'Kontaktperson' });
    await form
      .getByLabel('Leverandør', { exact: true })
      .selectOption({ label: 'Slagelse Familie Center (intern leverandør)' });
    await form.getByLabel('Startdato').fill('1/12-2026');
    await form.getByLabel('Betalingstype').selectOption({ label: 'Individuelle betalinger' });
    const firstDate = form.getByLabel('Dato, betaling 1');
    await firstDate.fill('31.02.2026');
    await firstDate.press('Tab');
    await form.getByText('31.02.2026 er ikke en dato, der findes.').waitFor();
    await expect(firstDate.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);
    await screenshot(page, 'cases-individual-payments-problem');

    await firstDate.fill('01.12.2026');
    await form.getByLabel('Beløb, betaling 1 (kr.)').fill('5000');
    await form.getByRole('button', { name: 'Tilføj betaling' }).click();
    await form.getByLabel('Dato, betaling 2').fill('15.12.2026');
    await form.getByLabel('Beløb, betaling 2 (kr.)').fill('2.500,50');
    await expect(form.getByText('er ikke en dato, der findes').count()).resolves.toBe(0);
    await form.getByRole('button', { name: 'Gem indsats' }).click();
    await page.getByText('Indsatsen er gemt.').waitFor();
    await expect(
      page.getByRole('row', { name: new RegExp(`${ref}-1`) }).textContent(),
    ).resolves.toContain('2 individuelle betalinger');

    await page.getByRole('button', { name: `Ret ${ref}-1` }).click();
    const edit = page.getByRole('form', { name: `Ret indsats ${ref}-1` });
    await expect(edit.getByLabel('Startdato').inputValue()).resolves.toBe('01.12.2026');
    await expect(edit.getByLabel('Dato, betaling 1').inputValue()).resolves.toBe('01.12.2026');
    await expect(edit.getByLabel('Beløb, betaling 1 (kr.)').inputValue()).resolves.toBe('5.000');
    await expect(edit.getByLabel('Dato, betaling 2').inputValue()).resolves.toBe('15.12.2026');
    await expect(edit.getByLabel('Beløb, betaling 2 (kr.)').inputValue()).resolves.toBe('2.500,50');
    await expectAccessible(page);
    await screenshot(page, 'cases-individual-payments');
  });
});
