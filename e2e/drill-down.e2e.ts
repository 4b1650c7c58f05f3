import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

/** From a figure to the cases making it up, each with its amount, sortable. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const kroner = (text: string) => Number(text.trim().replace(/\./g, '').replace('−', '-'));

describe('drill-down from a figure to its cases', () => {
  it("opens a unit's function from the forecast as a statement, and its cases add up to the figure", async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/budget?year=2026&asOf=2026-10-31`);
    await page.getByRole('button', { name: 'Ungeteam og efterværn' }).click();
    await page.getByRole('heading', { name: 'Funktioner for Ungeteam og efterværn' }).waitFor();
    await page
      .getByRole('link', { name: /^Sager bag tallene/ })
      .first()
      .click();

    await page.getByRole('heading', { level: 1, name: 'Disponeringsopgørelse' }).waitFor();
    const table = page.getByRole('table', { name: 'Funktion (kontoplan)' });
    const row = table.locator('tbody tr').first();
    await row.waitFor();
    const rowFigures = (await row.locator('td.num').allTextContents()).map(kroner);

    await row.getByText(/^Vis sager bag tallet/).click();
    const cases = row.getByRole('table', { name: /^Sager bag / });
    await cases.waitFor();
    const amounts = async () =>
      (
        await cases
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((r) => [
              r.querySelector('th')?.textContent ?? '',
              ...[...r.querySelectorAll('td')].map((td) => td.textContent ?? ''),
            ]),
          )
      ).map(([ref = '', expected = '', granted = '']) => ({
        ref,
        expected: kroner(expected),
        granted: kroner(granted),
      }));
    const byAmount = await amounts();
    expect(byAmount.length).toBeGreaterThan(1);
    // whole kroner that add up to the row's figures as shown
    expect(byAmount.reduce((s, c) => s + c.expected, 0)).toBe(rowFigures[0]);
    expect(byAmount.reduce((s, c) => s + c.granted, 0)).toBe(rowFigures[1]);
    // largest first, then by case when asked
    const expected = byAmount.map((c) => c.expected);
    expect(expected).toEqual([...expected].sort((a, b) => b - a));
    await cases.getByRole('button', { name: /^Sag/ }).click();
    const refs = (await amounts()).map((c) => c.ref);
    expect(refs).toEqual([...refs].sort((a, b) => a.localeCompare(b, 'da')));
    await expect(
      cases.getByRole('columnheader', { name: /^Sag/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');

    // each case opens on its page
    await cases.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Sag / }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Disponeringsopgørelse' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'drill-down');
  });
});
