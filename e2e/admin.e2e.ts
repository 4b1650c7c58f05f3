import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await loginAs(page, 'admin');
});
afterAll(() => browser.close());

describe('administration', () => {
  it('shows the organisation with its centre, units and responsible persons', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Centre og enheder' }).waitFor();
    await page.getByRole('rowheader', { name: 'Ungeteam og efterværn' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Funktionsleder Mette Friis');
    await expectAccessible(page);
  });

  it('creates a unit under the centre', async () => {
    const form = page.getByRole('form', { name: 'Opret enhed' });
    await form.getByLabel('Center').selectOption({ label: 'Center for Børn og Unge' });
    await form.getByLabel('Navn').fill('Plejefamilier');
    await form.getByLabel('Type').selectOption({ label: 'Afdeling' });
    await form.getByLabel('Ansvarlig (valgfri)').fill('Leder Hanne Dal');
    await form.getByRole('button', { name: 'Opret enhed' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Plejefamilier er oprettet.',
    );
    await page.getByRole('rowheader', { name: 'Plejefamilier' }).waitFor();
    await screenshot(page, 'admin-organisation');
  });

  it('tells a duplicate unit name in Danish', async () => {
    const form = page.getByRole('form', { name: 'Opret enhed' });
    await form.getByLabel('Center').selectOption({ label: 'Center for Børn og Unge' });
    await form.getByLabel('Navn').fill('Plejefamilier');
    await form.getByRole('button', { name: 'Opret enhed' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain(
      'Der findes allerede en enhed med navnet «Plejefamilier».',
    );
    await expectAccessible(page);
  });

  it('creates a user with a role in the new unit, who can then log in', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Brugere' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Brugere' }).waitFor();
    const form = page.getByRole('form', { name: 'Opret bruger' });
    await form.getByLabel('Brugernavn').fill('hanne');
    await form.getByLabel('Navn', { exact: true }).fill('Hanne Dal');
    await form.getByLabel('Adgangskode (valgfri)').fill('hannes lange kode');
    await form.getByLabel('Funktionsleder').check();
    await form.getByLabel('Plejefamilier').check();
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Brugeren hanne er oprettet.',
    );
    const row = page.getByRole('row', { name: /hanne/ });
    await expect(row.textContent()).resolves.toContain('Plejefamilier');
    await expectAccessible(page);
    await screenshot(page, 'admin-users');

    const other = await newPage(browser);
    await loginAs(other, 'hanne', 'hannes lange kode');
    // The menu offers Administration to administrators only; the address itself is refused too.
    expect(await other.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await other.goto(`${baseUrl()}/administration`);
    await expect(other.getByRole('alert').textContent()).resolves.toBe(
      'Kun administratorer har adgang til administrationen.',
    );
    await other.context().close();
  });

  it('shows the settings with the threshold in Danish format', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Indstillinger' })
      .click();
    await expect(page.getByLabel('Grænse for handleplan (kr.)').inputValue()).resolves.toBe(
      '100.000',
    );
    await expectAccessible(page);
  });

  it('shows the changes in the audit trail and filters them', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Revisionsspor' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Revisionsspor' }).waitFor();
    const table = page.getByRole('table');
    // in words: the action in Danish, the object by its name, with a link to where it is seen
    const unitRow = table.getByRole('row', { name: /Oprettet Enhed Plejefamilier/ }).first();
    await expect(
      unitRow.getByRole('link', { name: 'Plejefamilier' }).getAttribute('href'),
    ).resolves.toBe('/administration');
    await table
      .getByRole('row', { name: /Oprettet Bruger Hanne Dal/ })
      .first()
      .waitFor();
    // a filter for every kind of object, cases and action plans among them
    const kinds = await page.getByLabel('Objekttype').locator('option').allTextContents();
    expect(kinds).toEqual(expect.arrayContaining(['Sag', 'Handleplan', 'Leverandør', 'Enhed']));
    await page.getByLabel('Objekttype').selectOption({ label: 'Enhed' });
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.getByText('1 hændelse', { exact: true }).waitFor();
    await page.getByText('Vis ændring').click();
    await expect(table.textContent()).resolves.toContain('Leder Hanne Dal');
    await expectAccessible(page);
    await screenshot(page, 'admin-audit');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Hent som CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^revisionsspor-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
