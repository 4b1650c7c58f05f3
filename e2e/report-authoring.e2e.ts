import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const area = (page: Page, n: number) =>
  page.getByRole('group', { name: `Fokusområde ${n}`, exact: true });
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id);

describe('writing a status report', () => {
  it('a reader sees no form for a new report', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'laeser');
    await page.goto(`${baseUrl()}/rapporter`);
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await page.getByRole('link', { name: /2020 - status maj/ }).waitFor();
    await expect(page.getByRole('heading', { name: 'Ny statusrapport' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Opret statusrapport' }).count()).resolves.toBe(
      0,
    );
  });

  it('a head of unit creates a report, changes its focus areas and sees the new figure', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    await page.goto(`${baseUrl()}/rapporter`);
    const form = page.getByRole('form', { name: 'Ny statusrapport' });
    await form.waitFor();
    // the as-of date suggested is the end of the last booked month (the demo closes through
    // October 2026), stated in Danish, whatever today's date is
    await form
      .getByText('Tallene opgøres pr. 31.10.2026, udgangen af den sidste bogførte måned.')
      .waitFor();

    // nothing typed: the problems are named in Danish, next to the field and at the top
    await form.getByRole('button', { name: 'Opret statusrapport' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Ret de markerede felter:').waitFor();
    await expect(alert.textContent()).resolves.toContain('Titel: Skal udfyldes.');
    await expect(form.getByLabel('Titel').getAttribute('aria-invalid')).resolves.toBe('true');
    await alert.getByRole('button', { name: 'Titel' }).click();
    await expect(focusedName(page)).resolves.toBe('title');
    await expectAccessible(page);

    await form.getByLabel('Titel').fill('Økonomisk handleplan 2020 - status juni');
    await form.getByLabel('År', { exact: true }).fill('2020');
    // a date before the report's year is refused before anything is sent
    await form.getByLabel('Opgjort pr.').fill('2019-12-31');
    await form.getByRole('button', { name: 'Opret statusrapport' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain(
      'Opgjort pr.: Skal ligge i rapportens år eller senere.',
    );
    await expect(form.getByRole('alert').textContent()).resolves.not.toContain('Titel');
    await form.getByLabel('Opgjort pr.').fill('2020-05-31');
    await form.getByText('Tallene opgøres pr. 31.05.2020.').waitFor();
    const may = await form
      .locator('option', { hasText: /^Kopiér fra ».*2020 - status maj« \(pr\. 31\.05\.2020\)$/ })
      .getAttribute('value');
    await form.getByLabel('Fokusområder', { exact: true }).selectOption(may ?? '');
    await screenshot(page, 'reports-new-form');
    await form.getByRole('button', { name: 'Opret statusrapport' }).click();

    // the new draft opens in the editor with the copied focus areas and empty texts
    await page.getByRole('heading', { level: 2, name: 'Rediger rapport' }).waitFor();
    expect(page.url()).toMatch(/\/rapporter\/[^/]+\/rediger$/);
    await expect(area(page, 1).getByLabel('Fokus', { exact: true }).inputValue()).resolves.toBe(
      'Efterværnssager – fokus på om det er den rigtige indsats',
    );
    await expect(area(page, 1).getByLabel('Handling').inputValue()).resolves.toBe('');
    await expect(area(page, 2).getByLabel('Udgift (kategorigruppe)').inputValue()).resolves.toBe(
      'forebyggende',
    );
    await expect(
      area(page, 3).getByLabel('Familier med mere end én foranstaltning').inputValue(),
    ).resolves.toBe('13-17');

    // remove the second area; the keyboard lands on "Fortryd", which brings it back
    await area(page, 2).getByRole('button', { name: 'Fjern' }).click();
    await page
      .getByRole('status')
      .getByText(/»Eksterne leverandører« er fjernet/)
      .waitFor();
    await expect(focusedName(page)).resolves.toBe('rp-undo');
    await page.keyboard.press('Enter');
    await expect(area(page, 2).getByLabel('Fokus', { exact: true }).inputValue()).resolves.toMatch(
      /^Eksterne leverandører/,
    );
    await area(page, 2).getByRole('button', { name: 'Fjern' }).click();
    await expect(page.getByRole('group', { name: /^Fokusområde \d+$/ }).count()).resolves.toBe(2);

    // add an area by keyboard and let it measure external providers' preventive measures
    await page.getByRole('button', { name: 'Tilføj fokusområde' }).focus();
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('focusAreas.2.title');
    await page.keyboard.type('Køb hos eksterne leverandører');
    const added = area(page, 3);
    await added.getByLabel('Udgift (kategorigruppe)').selectOption({
      label: 'Forebyggende foranstaltninger',
    });
    await added.getByLabel('Leverandører').selectOption({ label: 'Eksterne leverandører' });
    await added.getByLabel('Status (vurdering)').fill('Målet forventes indfriet.');
    // move it up: it becomes area 2, and the keyboard stays on its button
    await added.getByRole('button', { name: 'Flyt op' }).click();
    await expect(area(page, 2).getByLabel('Fokus', { exact: true }).inputValue()).resolves.toBe(
      'Køb hos eksterne leverandører',
    );
    await expect(focusedName(page)).resolves.toMatch(/^rp-area-\d+-up$/);
    await expectAccessible(page);
    await screenshot(page, 'reports-editor');

    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Økonomisk handleplan 2020 - status juni' })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Køb hos eksterne leverandører' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Rediger rapport' }).count()).resolves.toBe(0);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings).toEqual([
      'Efterværnssager – fokus på om det er den rigtige indsats',
      'Køb hos eksterne leverandører',
      'Opbremsning af stigningen i antallet af indsatser pr. familie på børneområdet (13-18 år)',
      // after the focus areas, the report's computed indicators as of its own date
      'Nøgletal for 2020 pr. 31.05.2020',
    ]);
    // the figure of the new area comes from the cases: external providers 2019 against May 2020
    await page
      .getByText('Måles på: udgift til forebyggende foranstaltninger (eksterne leverandører)')
      .waitFor();
    await expect(
      page
        .getByRole('img', {
          name: /^Køb hos eksterne leverandører: udgift 7,9 mio\. kr\. mod disponeret 4,7 mio\. kr\.$/,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('table', { name: 'Tal for Køb hos eksterne leverandører' }).textContent(),
    ).resolves.toMatch(/7,9 mio\. kr\..*4,7 mio\. kr\./);
    // the external providers named one by one beside the figure, adding up to its current cost
    const split = page.getByRole('table', {
      name: 'Køb hos eksterne leverandører: disponeret i året fordelt på leverandører',
    });
    const kroner = (text: string | null) => Number((text ?? '').trim().replace(/\./g, ''));
    await split.locator('tfoot td.num').waitFor();
    const amounts = (await split.locator('tbody td.num').allTextContents()).map(kroner);
    const total = kroner(await split.locator('tfoot td.num').textContent());
    expect(amounts.length).toBeGreaterThan(1);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect((total / 1_000_000).toFixed(1)).toBe('4.7');
    // back from the editor, the keyboard continues from the report's heading
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
    await expectAccessible(page);
    await screenshot(page, 'reports-new-saved');

    // the period can be corrected in the editor: a year after the date is refused in Danish,
    // then the report is computed as of the new date
    await page.getByRole('button', { name: 'Rediger rapport', exact: true }).click();
    const editor = page.getByRole('form', { name: 'Rediger rapport' });
    await editor.getByLabel('Opgjort pr.').fill('2020-04-30');
    await editor.getByText('Tallene opgøres pr. 30.04.2020, når rapporten gemmes.').waitFor();
    await editor.getByLabel('År', { exact: true }).fill('2021');
    await editor.getByRole('button', { name: 'Gem', exact: true }).click();
    await expect(editor.getByRole('alert').textContent()).resolves.toContain(
      'Opgjort pr.: Skal ligge i rapportens år eller senere.',
    );
    await editor.getByLabel('År', { exact: true }).fill('2020');
    await editor.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByText(/Kladde · Opgjort pr\. 30\.04\.2020/).waitFor();
    await expect(page.getByRole('heading', { name: 'Rediger rapport' }).count()).resolves.toBe(0);

    // the new report is in the list, still a draft
    await page.getByRole('link', { name: 'Alle rapporter' }).click();
    const row = page.getByRole('row', { name: /2020 - status juni/ });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('Kladde');
    // the longest journey of the browser tests: a report written, edited twice and listed
  }, 120_000);
});
