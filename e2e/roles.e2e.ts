import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

/**
 * Each role is offered the write controls of a screen only when its roles allow the action
 * (the actions the server grants the session), so nobody presses a button that answers
 * "Du har ikke rettighed".
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function actionsOf(page: Page): Promise<string[]> {
  const session = (await (await page.request.get(`${baseUrl()}/api/session`)).json()) as {
    user: { actions: string[] };
  };
  return session.user.actions;
}

const ROLES = [
  ['laeser', 'læser'],
  ['raadgiver', 'rådgiver'],
  ['leder', 'funktionsleder'],
  ['okonomi', 'økonomikonsulent'],
  ['direktion', 'ledelse'],
  ['admin', 'administrator'],
] as const;

describe('write controls by role', () => {
  it.each(ROLES)('%s (%s) sees the write buttons its role may use, and no others', async (user) => {
    const page = await newPage(browser);
    await loginAs(page, user);
    const actions = await actionsOf(page);
    const may = (action: string) => actions.includes(action);

    await page.goto(`${baseUrl()}/sager/liste`);
    await page.getByRole('heading', { level: 1, name: 'Sager' }).waitFor();
    await expect(page.getByRole('link', { name: 'Opret sag' }).count()).resolves.toBe(
      may('case.write') ? 1 : 0,
    );

    if (may('budget.read')) {
      await page.goto(`${baseUrl()}/budget/opfoelgninger`);
      await page.getByRole('heading', { level: 1, name: /Budgetopfølgninger/ }).waitFor();
      await expect(page.getByRole('button', { name: 'Fastfrys opfølgning' }).count()).resolves.toBe(
        may('budget.write') ? 1 : 0,
      );
      const tabs = page.getByRole('navigation', { name: 'Budgetopfølgning' });
      await expect(tabs.getByRole('link', { name: 'Import af posteringer' }).count()).resolves.toBe(
        may('ledger.import') ? 1 : 0,
      );

      await page.goto(`${baseUrl()}/budget/budgetter`);
      await page.getByRole('table').first().waitFor();
      await expect(page.getByRole('button', { name: 'Gem ændringer' }).count()).resolves.toBe(
        may('budget.write') ? 1 : 0,
      );
      await expect(page.getByRole('button', { name: /^Korrigér/ }).count()).resolves[
        may('budget.write') ? 'toBeGreaterThan' : 'toBe'
      ](0);
      await expectAccessible(page);
      await screenshot(page, `roles-budget-${user}`);
    }
  });
});
