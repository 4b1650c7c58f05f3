import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function openReviews(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Hovedmenu' })
    .getByRole('link', { name: 'Gennemgange' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Gennemgange' }).waitFor();
}

/** The rows of the list of reviews due (each row's header is the case, linked). */
const rows = (page: Page) => page.getByRole('region', { name: 'Gennemgange' }).getByRole('row');

describe('case reviews', () => {
  it('a faglig koordinator sees an overdue case, records a review "fortsæt" and the case leaves the overdue list', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'koordinator');
    await openReviews(page);
    await page.getByLabel('Holdes af').selectOption({ label: 'Faglig koordinator' });
    await page.getByLabel('Person').selectOption({ label: 'Karen Koordinator' });
    await page.getByLabel('Status').selectOption({ label: 'Over fristen' });
    const first = rows(page).nth(1);
    await first.waitFor();
    // overdue in words, not by colour alone, and dates as dd.mm.åååå
    expect(await first.textContent()).toMatch(/Over fristen med \d+ dage?/);
    expect(await first.textContent()).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    await expectAccessible(page);
    await screenshot(page, 'reviews-overdue');

    const link = first.getByRole('rowheader').getByRole('link');
    const ref = (await link.textContent()) ?? '';
    expect(ref).not.toBe('');
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();
    const section = page.getByRole('region', { name: 'Gennemgange' });
    await section.getByText(/Over fristen med \d+ dage?/).waitFor();
    await section.getByRole('button', { name: 'Registrér gennemgang' }).click();

    // by keyboard: saving without an outcome gives a Danish message that leads to the field
    const form = page.getByRole('form', { name: 'Registrér gennemgang' });
    await form.getByRole('button', { name: 'Registrér', exact: true }).focus();
    await page.keyboard.press('Enter');
    await form
      .getByRole('alert')
      .getByText('Vælg et udfald: fortsæt, justér eller afslut.')
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'review-form-problem');
    await form.getByRole('radio', { name: 'Fortsæt' }).focus();
    await page.keyboard.press('Space');
    expect(await form.getByRole('radio', { name: 'Fortsæt' }).isChecked()).toBe(true);
    await form.getByLabel('Notat').fill('Indsatsen virker; fortsætter uændret.');
    await form.getByRole('button', { name: 'Registrér', exact: true }).click();
    await section
      .getByRole('status')
      .getByText(/Gennemgangen den .* er registreret \(fortsæt\)/)
      .waitFor();
    const held = section.getByRole('region', { name: 'Holdte gennemgange' });
    await held
      .getByRole('row')
      .filter({ hasText: 'Indsatsen virker; fortsætter uændret.' })
      .waitFor();
    expect(await held.getByRole('row').nth(1).textContent()).toContain('Karen Koordinator');
    await section.getByText(/Senest .* \(Planlagt\)/).waitFor();
    expect(await section.getByText(/Over fristen med/).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'review-recorded');

    await openReviews(page);
    await page.getByLabel('Status').selectOption({ label: 'Over fristen' });
    await rows(page).nth(1).waitFor();
    expect(await rows(page).getByRole('link', { name: ref, exact: true }).count()).toBe(0);
  });

  it('a funktionsleder sees the efterværn cases due for them in the next two months', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'ungeleder');
    await openReviews(page);
    // every other review of an efterværn case falls to the funktionsleder, every four months:
    // looking two months ahead (and a month's notice) the unit's efterværn cases show some
    const ahead = new Date(Date.now() + 60 * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Copenhagen',
    });
    await page.getByLabel('Pr. dato').fill(ahead);
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.getByLabel('Person').selectOption({ label: 'Jonas Krogh' });
    const row = rows(page)
      .filter({ has: page.getByRole('cell', { name: 'Efterværn', exact: true }) })
      .first();
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Funktionsleder', exact: true }).count()).toBe(1);
    expect(await row.textContent()).toContain('Jonas Krogh');
    await expectAccessible(page);
    await screenshot(page, 'reviews-funktionsleder');
  });
});
