import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('an intervention area that acts on something measurable', () => {
  it('chooses "Virker på" in the editor and shows the effect measured from the commitments', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.getByRole('link', { name: 'Handleplaner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handleplaner' }).waitFor();
    // A plan of its own (a year no other browser test touches), imported as a file.
    const document = {
      format: 'overblik/action-plan@1',
      title: 'Handleplan 2025 (målt effekt)',
      year: 2025,
      startedOn: '2025-03-01',
      areas: [
        {
          number: 1,
          title: 'Hele enhedens disponering',
          targetAmount: 120_000,
          monthlyEffect: [0, 0, 0, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 0, 0, 0],
        },
        {
          number: 2,
          title: 'Bedre samarbejde med skolerne',
          targetAmount: 30_000,
          monthlyEffect: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10_000, 10_000, 10_000],
        },
      ],
    };
    await page
      .getByLabel('Enhed', { exact: true })
      .last()
      .selectOption({ label: 'Ungeteam og efterværn' });
    await page.getByLabel('Vælg JSON-fil').setInputFiles({
      name: 'handleplan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(document)),
    });
    await page
      .getByRole('heading', { level: 1, name: /Handleplan 2025 \(målt effekt\)/ })
      .waitFor();

    await page.getByRole('link', { name: 'Redigér' }).click();
    await page.getByRole('heading', { level: 1, name: /Redigér/ }).waitFor();
    const area1 = page.getByRole('group', { name: /Indsatsområde 1/ });
    const kind = area1.getByLabel('Virker på');
    await expect(kind.inputValue()).resolves.toBe('');
    // keyboard only: focus the list and pick "Hele enheden" with the arrow keys
    await kind.focus();
    await kind.selectOption({ label: 'Hele enheden' });
    await expect(area1.getByLabel('Hvilken enhed').inputValue()).resolves.not.toBe('');
    await expect(
      area1.getByLabel('Hvilken enhed').locator('option:checked').textContent(),
    ).resolves.toBe('Ungeteam og efterværn');
    await expect(area1.textContent()).resolves.toContain('måles fra disponeringen');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Gem', exact: true }).click();

    await page
      .getByRole('heading', { level: 1, name: /Handleplan 2025 \(målt effekt\)/ })
      .waitFor();
    await page.getByTestId('measured-1').waitFor();
    const note = (await page.getByTestId('measured-note').textContent()) ?? '';
    expect(note).toMatch(/^Målt fra disponeringen: disponeringen pr\. \d\d\.\d\d\.2025/);
    expect(note).toContain('ved planens opstart 01.03.2025');
    const areas = page.locator('table.ap-real-areas');
    const row1 = (await areas.locator('tbody tr').first().locator('td').allTextContents()) ?? [];
    expect(row1[0]).toBe('Hele enheden: Ungeteam og efterværn');
    expect(row1[1]).toBe('120.000');
    // a measured figure in kroner, not "–"
    expect(row1[2]).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d\d)?$/);
    const row2 = await areas.locator('tbody tr').nth(1).locator('td').allTextContents();
    expect(row2.slice(0, 3)).toEqual(['Indtastes manuelt', '30.000', '–']);
    // the totals add up: measured + by hand = realised, and the chart's table says the same
    const foot = await areas.locator('tfoot td').allTextContents();
    expect(foot[0]).toBe('150.000');
    expect(foot[1]).toBe(row1[2]);
    expect(foot[3]).toBe(row1[2]);
    const realTotal = await page.locator('table.ap-real-table tfoot td').allTextContents();
    expect(realTotal[1]).toBe(row1[2]);
    // the version compare below names the change in words, without an error
    await page.locator('table.ap-compare').waitFor();
    expect(await page.locator('table.ap-compare').textContent()).toContain(
      'Indsatsområde 1, virker på',
    );
    expect(await page.locator('main').textContent()).not.toContain('uventet fejl');
    await expectAccessible(page);
    await screenshot(page, 'action-plan-measured');
  });
});
