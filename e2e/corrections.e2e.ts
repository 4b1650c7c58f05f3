import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('corrections of wrong data', () => {
  it('a head of unit corrects a granted amount with a reason; the case history and movement show it as a correction', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    const ref = `RET-${Date.now()}`;
    await page.goto(`${baseUrl()}/sager/ny`);
    await page.getByRole('heading', { level: 1, name: 'Opret sag' }).waitFor();
    await page.getByLabel('Sagsreference').fill(ref);
    await page.getByLabel('Husstand').fill(`H-${ref}`);
    await page
      .getByLabel('Enhed')
      .selectOption({ label: 'Myndighed, det specialiserede børneområde' });
    await page.getByLabel('Personreference').fill(`P-${ref}`);
    await page.getByLabel('Født').fill('2011-04-02');
    await page.getByRole('button', { name: 'Opret sag' }).click();
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();
    await page.getByLabel('År').fill('2024');

    // daily 1.000 kr. through 2024, decided 02.01.2024
    await page.getByRole('button', { name: 'Tilføj indsats' }).click();
    const form = page.getByRole('form', { name: 'Ny indsats' });
    await form.getByLabel('Besluttet').fill('2024-01-02');
    await form.getByLabel('Kategori').selectOption({ label: 'Kontaktperson' });
    await form
      .getByLabel('Leverandør', { exact: true })
      .selectOption({ label: 'Slagelse Familie Center (intern leverandør)' });
    await form.getByLabel('Startdato').fill('2024-01-01');
    await form.getByLabel('Forventet slutdato').fill('2024-12-31');
    await form.getByLabel('Hyppighed').selectOption({ label: 'Dagligt' });
    await form.getByLabel('Beløb pr. betaling (kr.)').fill('1000');
    await form.getByRole('button', { name: 'Gem indsats' }).click();
    await page.getByText('Indsatsen er gemt.').waitFor();
    await page.getByRole('button', { name: `Bevilg ${ref}-1` }).click();
    await page.getByText('Indsatsen er bevilget.').waitFor();

    // the amount was typed wrong: 100 kr. a day
    await page.getByRole('button', { name: `Ret fejl ${ref}-1` }).click();
    const correct = page.getByRole('form', { name: `Ret fejl i indsats ${ref}-1` });
    await correct.getByLabel('Beløb pr. betaling (kr.)').fill('100');
    await correct.getByRole('button', { name: 'Gem rettelse' }).click();
    // without a reason nothing is stored, and the user is told why in Danish
    await expect(correct.getByRole('alert').textContent()).resolves.toContain(
      'Skriv hvorfor indsatsen rettes.',
    );
    await correct
      .getByLabel('Begrundelse for rettelsen')
      .fill('Døgnprisen er 100 kr. ifølge kontrakten, ikke 1.000 kr.');
    await correct.getByRole('button', { name: 'Gem rettelse' }).click();
    await page.getByText('Rettelsen er gemt.').waitFor();

    await page.getByRole('link', { name: 'rettet (se historik)' }).waitFor();
    const history = page.getByRole('region', { name: 'Sagens historik' });
    const entry = history.getByRole('listitem').filter({ hasText: 'Rettelse' }).first();
    const text = await entry.textContent();
    expect(text).toContain('Døgnprisen er 100 kr. ifølge kontrakten, ikke 1.000 kr.');
    expect(text).toContain('Betalingsplan: 1.000 kr. dagligt → 100 kr. dagligt');
    expect(text).toMatch(/foretaget af \S/);
    await expectAccessible(page);
    await screenshot(page, 'corrections-case');

    // the statement as of 01.06.2024 now includes the correction and says so
    await page.goto(`${baseUrl()}/sager`);
    await page.getByLabel('År').fill('2024');
    await page.getByLabel('Opgjort pr.').fill('2024-06-01');
    await page.getByRole('button', { name: 'Vis' }).click();
    const note = page.getByRole('note');
    await expect(note.textContent()).resolves.toContain(
      '1 rettelse(r) af fejl foretaget efter 01.06.2024',
    );
    await screenshot(page, 'corrections-statement');

    // movement from that date to today: the figure as stated then, then the correction
    await note.getByRole('link', { name: 'Se rettelserne under Bevægelser.' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bevægelser i disponeringen' }).waitFor();
    const group = page.getByRole('row', { name: /^Rettelser af fejl/ });
    await group.waitFor();
    const cells = await group.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('1');
    // 366 days × 900 kr. less
    expect(cells[1]).toMatch(/^[-−]329\.400/);
    const listed = page
      .getByRole('region', { name: 'Rettelser i perioden' })
      .getByRole('row', { name: new RegExp(ref) });
    await expect(listed.textContent()).resolves.toContain('Døgnprisen er 100 kr.');
    await expectAccessible(page);
    await screenshot(page, 'corrections-movement');
  });
});
