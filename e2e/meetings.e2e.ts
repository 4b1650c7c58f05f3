import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** A case of the head of unit's unit, by the API the page itself uses. */
async function someCaseRef(page: Page): Promise<string> {
  const list = (await (await page.request.get(`${baseUrl()}/api/cases?limit=5`)).json()) as {
    cases: { ref: string }[];
  };
  const ref = list.cases[0]?.ref;
  if (!ref) throw new Error('no case in the demo');
  return ref;
}

describe('a visitation meeting', () => {
  it('a head of unit creates a meeting, puts a case forward, decides it and exports the minutes', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    await page
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: 'Møder' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    // the demo's year of meetings is listed
    await page.getByRole('heading', { name: 'Visitationsmøder' }).waitFor();
    await page.getByRole('heading', { name: 'Udvalgets kalender' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'meetings-list');

    const form = page.getByRole('form', { name: 'Nyt visitationsmøde' });
    await form.getByLabel('Titel').fill('Visitationsmøde, test');
    await form.getByLabel('Navn (funktionsleder)').fill('Mette Friis');
    await form.getByLabel('Navn (faglig koordinator)').fill('Karen Koordinator');
    await form.getByRole('button', { name: 'Nyt visitationsmøde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visitationsmøde, test' }).waitFor();
    await page.getByText('Ingen sager på dagsordenen endnu.').waitFor();

    const ref = await someCaseRef(page);
    const putForward = page.getByRole('region', { name: 'Sæt sag på dagsordenen' });
    await putForward.getByLabel('Sag').fill(ref);
    await putForward.getByLabel('Hvad skal afgøres').fill('Efterværn: kontaktperson');
    await putForward.getByRole('button', { name: 'Sæt på dagsordenen' }).click();
    const item = page.getByRole('listitem', { name: `Sag ${ref}: Efterværn: kontaktperson` });
    await item.waitFor();

    const decision = item.getByRole('form', { name: 'Registrér afgørelse' });
    // no reason: the problem is named in Danish and nothing is decided
    await decision.getByRole('button', { name: 'Registrér afgørelse' }).click();
    await decision.getByRole('alert').waitFor();
    await expect(decision.getByRole('alert').textContent()).resolves.toContain('Skal udfyldes.');
    await decision.getByLabel('Begrundelse').fill('Kontaktperson 4 timer om ugen');
    await decision.getByLabel('Beløb (kr.)').fill('12.500');
    await expectAccessible(page);
    await screenshot(page, 'meeting-decide');
    await decision.getByRole('button', { name: 'Registrér afgørelse' }).click();
    await item.getByText('bevilget', { exact: true }).waitFor();
    await item.getByText(/12\.500 kr\./).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'meeting-decided');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Referat (Word)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^referat-visitationsmoede-\d{4}-\d{2}-\d{2}\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await file.path()) ?? ''));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Kontaktperson 4 timer om ugen');
    expect(xml).toContain('12.500 kr.');
  });
});

describe('the committee calendar', () => {
  it('ledelse sees the status report as presented to the committee, signed off', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'direktion');
    await page.goto(`${baseUrl()}/rapporter`);
    await page.getByRole('link', { name: /2020 - status maj/ }).click();
    const panel = page.getByRole('region', { name: 'Ledelsens godkendelse og udvalget' });
    await panel.getByRole('link', { name: 'Forelagt udvalget den 09.06.2020' }).waitFor();
    await panel.getByText(/Godkendt af ledelsen \(Dorte Direktør\)/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'report-presented');
    await panel.getByRole('link', { name: 'Forelagt udvalget den 09.06.2020' }).click();
    await page.getByRole('heading', { level: 1, name: /Børne- og Ungeudvalget/ }).waitFor();
    await page.getByRole('link', { name: /2020 - status maj/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'committee-meeting');
  });

  it('the bell shows unread notifications and they can be marked read', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    await page.goto(`${baseUrl()}/notifikationer`);
    await page.getByRole('heading', { level: 1, name: 'Notifikationer' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'notifications');
  });
});
