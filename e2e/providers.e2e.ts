import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('providers as a register', () => {
  it('a finance partner registers a provider (a bad CVR number is refused in Danish) and a caseworker chooses it on an intervention', async () => {
    const name = `Familiehuset E2E ${Date.now()}`;
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.goto(`${baseUrl()}/sager/leverandoerer`);
    await page.getByRole('heading', { level: 1, name: 'Leverandører' }).waitFor();
    // the demo's providers are named providers in the register
    await page.getByRole('rowheader', { name: 'Slagelse Familie Center', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Opret leverandør' });
    await form.getByLabel('Navn').fill(name);
    await form.getByLabel('CVR-nummer').fill('12345678');
    await form.getByLabel('Art').selectOption({ label: 'Ekstern leverandør' });
    await form.getByRole('button', { name: 'Gem' }).click();
    await form.getByText(/CVR-nummer er 8 cifre, der består kontrollen/).waitFor();
    await form.getByLabel('CVR-nummer').fill('29188556');
    await form.getByRole('button', { name: 'Gem' }).click();
    await page.getByText(`Leverandøren ${name} er gemt.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.textContent()).resolves.toContain('29188556');
    await expectAccessible(page);
    await screenshot(page, 'providers-register');
    await page.close();

    const caseworker = await newPage(browser);
    await loginAs(caseworker, 'raadgiver');
    const ref = `LEV-${Date.now()}`;
    await caseworker.goto(`${baseUrl()}/sager/ny`);
    await caseworker.getByLabel('Sagsreference').fill(ref);
    await caseworker.getByLabel('Husstand').fill(`H-${ref}`);
    await caseworker
      .getByLabel('Enhed')
      .selectOption({ label: 'Myndighed, det specialiserede børneområde' });
    await caseworker.getByLabel('Personreference').fill(`P-${ref}`);
    await caseworker.keyboard.press('Enter');
    await caseworker.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();
    await caseworker.getByRole('button', { name: 'Tilføj indsats' }).click();
    const intervention = caseworker.getByRole('form', { name: 'Ny indsats' });
    const provider = intervention.getByLabel('Leverandør', { exact: true });
    // chosen from the register's list, with its kind
    await provider.selectOption({ label: `${name} (ekstern leverandør)` });
    const fn = intervention.getByLabel('Funktion');
    await expect(fn.locator('option:checked').textContent()).resolves.toBe(
      '5.28.21 Forebyggende indsats for børn, unge og deres familier',
    );
    await intervention.getByLabel('Startdato').fill('2026-12-01');
    await intervention.getByLabel('Beløb pr. betaling (kr.)').fill('1000');
    await expectAccessible(caseworker);
    await intervention.getByRole('button', { name: 'Gem indsats' }).click();
    await caseworker.getByText('Indsatsen er gemt.').waitFor();
    const line = caseworker.getByRole('row', { name: new RegExp(`${ref}-1`) });
    await expect(line.textContent()).resolves.toContain(name);
    await expect(line.textContent()).resolves.toContain('5.28.21 Forebyggende indsats');
    await expectAccessible(caseworker);
    await screenshot(caseworker, 'providers-intervention');
  });
});
