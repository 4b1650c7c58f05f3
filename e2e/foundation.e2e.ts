import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('the first visit', () => {
  it('shows a Danish, accessible login page with the demo users', async () => {
    const page = await newPage(browser);
    await page.goto(baseUrl());
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await page.getByRole('heading', { name: 'Demo-brugere' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await expectAccessible(page);
    await screenshot(page, 'login');
  });

  it('tells a wrong password in Danish', async () => {
    const page = await newPage(browser);
    await page.goto(baseUrl());
    await page.getByLabel('Brugernavn').fill('leder');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Forkert brugernavn eller adgangskode',
    );
  });

  it('logs in by keyboard and shows the dashboard with Danish amounts', async () => {
    const page = await newPage(browser);
    await page.goto(baseUrl());
    await page.getByLabel('Brugernavn').focus();
    await page.keyboard.type('okonomi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
    await page.getByRole('heading', { name: 'Budget og prognose 2026' }).waitFor();
    await page
      .getByRole('row', { name: /Myndighed, det specialiserede børneområde/ })
      .first()
      .waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('100.000 kr.');
    expect(text).toContain('Myndighed, det specialiserede børneområde');
    for (const name of ['Handleplaner', 'Sager og indsatser', 'Budgetopfølgning', 'Rapporter']) {
      await expect(page.getByRole('link', { name }).isVisible()).resolves.toBe(true);
    }
    // Administration is offered to administrators only.
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'dashboard');
  });

  it('switches to English and back', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
  });
});
