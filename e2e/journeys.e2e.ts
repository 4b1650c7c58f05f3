import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  expectAccessible,
  fitsWidth,
  launchBrowser,
  loginAs,
  newPage,
  screenshot,
} from './browser';

/**
 * One main journey per role, from the front page, at 1366 and 1920 px: every page on the way
 * is accessible and no wider than the window (wide tables scroll in their own frames).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  expect(await fitsWidth(page)).toBe(true);
  await screenshot(page, name);
}

const JOURNEYS: [string, string, (page: Page) => Promise<void>][] = [
  [
    'okonomi',
    "the postings tab: a unit's postings",
    async (page) => {
      await page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: 'Budgetopfølgning' })
        .click();
      await page
        .getByRole('navigation', { name: 'Budgetopfølgning' })
        .getByRole('link', { name: 'Posteringer', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: /^Posteringer \d{4}$/ }).waitFor();
      await page.getByRole('link', { name: 'Ungeteam og efterværn' }).click();
      await page.getByText(/^\d+ posteringer, i alt/).waitFor();
      expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    },
  ],
  [
    'leder',
    "the unit's action plan, named with its unit",
    async (page) => {
      await page.getByRole('link', { name: 'Handleplaner' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Handleplaner' }).waitFor();
      await page
        .getByRole('link', { name: /^Handleplan \d{4}/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: /^Handleplan \d{4}.* – / }).waitFor();
    },
  ],
  [
    'raadgiver',
    'a case from the list',
    async (page) => {
      await page.goto(`${baseUrl()}/sager/liste`);
      await page.getByRole('heading', { level: 1, name: 'Sager' }).waitFor();
      await page.locator('main table tbody a').first().click();
      await page.getByRole('heading', { level: 1, name: /^Sag / }).waitFor();
      await page.getByRole('heading', { name: /^Udgift pr\. måned/ }).waitFor();
    },
  ],
  [
    'direktion',
    "the year's follow-up rounds",
    async (page) => {
      await page.goto(`${baseUrl()}/budget/opfoelgninger`);
      await page.getByRole('heading', { level: 1, name: /^Budgetopfølgninger/ }).waitFor();
      await page.getByRole('table', { name: 'Tal bag grafen' }).waitFor();
    },
  ],
  [
    'laeser',
    'the commitment statement as totals',
    async (page) => {
      await page.goto(`${baseUrl()}/sager`);
      await page.getByRole('heading', { level: 1, name: 'Disponeringsopgørelse' }).waitFor();
      await page.getByText(/^Disponerede udgifter \d{4} opgjort pr\./).waitFor();
    },
  ],
  [
    'admin',
    'the audit trail in words',
    async (page) => {
      await page.goto(`${baseUrl()}/administration/revisionsspor`);
      await page.getByRole('heading', { level: 2, name: 'Revisionsspor' }).waitFor();
      await page.getByRole('table', { name: /^Hændelser i revisionssporet/ }).waitFor();
    },
  ],
];

describe('one main journey per role at 1366 and 1920 px', () => {
  const cases = JOURNEYS.flatMap(([user, journey, walk]) =>
    [1366, 1920].map((width) => [user, journey, width, walk] as const),
  );
  it.each(cases)('%s: %s at %i px', async (user, _journey, width, walk) => {
    const page = await newPage(browser, width);
    await loginAs(page, user);
    await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
    await walk(page);
    await page.waitForLoadState('networkidle');
    await checkPage(page, `journey-${user}-${width}`);
    await page.context().close();
  });

  it('offers no hand-entered expected overspend when every unit has a budget for the year', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/handleplaner`);
    await page
      .locator('section[aria-labelledby="ap-required-title"] table tbody tr')
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    await expect(
      page.getByRole('heading', { name: /^Registrér forventet merforbrug/ }).count(),
    ).resolves.toBe(0);
  });
});
