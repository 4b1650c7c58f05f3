import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('status reports', () => {
  it('direktion opens the May 2020 report and sees the reference figures', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'direktion');
    await page.goto(`${baseUrl()}/rapporter`);
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: /2020 - status maj/ }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Økonomisk handleplan på det specialiserede børneområde 2020 - status maj',
      })
      .waitFor();
    const main = page.locator('main');
    await page.getByText('I 2019 var udgifterne hertil 8,5 mio. kr.').waitFor();
    const text = (await main.textContent()) ?? '';
    for (const figure of ['8,5 mio. kr.', '5,9 mio. kr.', '7,9 mio. kr.', '4,7 mio. kr.']) {
      expect(text).toContain(figure);
    }
    const familiesRow = page.getByRole('row', { name: /Familier med mere end én foranstaltning/ });
    await expect(familiesRow.getByRole('cell').allTextContents()).resolves.toEqual(['8', '8']);
    await expect(
      page
        .getByRole('img', { name: /Efterværnssager.*8,5 mio\. kr\. mod disponeret 5,9 mio\. kr\./ })
        .count(),
    ).resolves.toBe(1);
    // reviews are registered in Overblik from 01.01.2026: May 2020 has no reviews figure, and
    // no case counts as overdue for reviews that were never registered here
    const indicators = page.getByRole('region', { name: 'Nøgletal for 2020 pr. 31.05.2020' });
    await indicators
      .getByText(
        'Gennemgange registreres i Overblik fra 01.01.2026; før den dag er der intet tal for gennemgange holdt til tiden.',
      )
      .waitFor();
    expect(await indicators.textContent()).not.toMatch(/til tiden: |over fristen/);
    await indicators.screenshot({
      path: 'test-results/screenshots/reports-may-2020-indicators.png',
    });
    // a reader may download the paper but not change it
    await expect(page.getByRole('link', { name: 'Hent Word-dokument' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Gør endelig' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'reports-status-may-2020');
  });

  it('an økonomikonsulent edits a text and makes the report final; the figures stay', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/rapporter`);
    await page.getByRole('link', { name: /2020 - status maj/ }).click();
    await page.getByRole('button', { name: 'Rediger rapport', exact: true }).click();
    const closing = page.getByLabel('Afslutning');
    await closing.fill('I november forelægges en fornyet status på målene for 2020.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Gem' }).click();
    await page
      .locator('main p')
      .getByText('I november forelægges en fornyet status på målene for 2020.')
      .waitFor();

    await page.getByRole('button', { name: 'Gør endelig' }).click();
    await page.getByRole('button', { name: 'Ja, gør endelig' }).click();
    await page.getByText(/Tallene er fastfrosset/).waitFor();
    await expect(
      page.getByRole('button', { name: 'Rediger rapport', exact: true }).count(),
    ).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain('5,9 mio. kr.');
    await expectAccessible(page);
    await screenshot(page, 'reports-final');
  });
});
