import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, loginAs, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** Adds an expected contact person (500 kr. a day from 1.12.2026) on the open case page. */
async function addMeasure(page: Page, provider: string): Promise<void> {
  await page.getByRole('button', { name: 'Tilføj indsats' }).click();
  const form = page.getByRole('form', { name: 'Ny indsats' });
  await form.getByLabel('Kategori').selectOption({ label: 'Kontaktperson' });
  await form
    .getByLabel('Leverandør', { exact: true })
    .selectOption({ label: `${provider} (intern leverandør)` });
  await form.getByLabel('Startdato').fill('2026-12-01');
  await form.getByLabel('Hyppighed').selectOption({ label: 'Dagligt' });
  await form.getByLabel('Beløb pr. betaling (kr.)').fill('500');
  await form.getByLabel('Beløb pr. betaling (kr.)').press('Enter');
  await page.getByText('Indsatsen er gemt.').waitFor();
}

describe('a second measure in a household waits for the funktionsleder', () => {
  const ref = `GOD-${Date.now()}`;

  it('a rådgiver grants a second measure: it is not granted but afventer godkendelse', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'raadgiver');
    await page.goto(`${baseUrl()}/sager/ny`);
    await page.getByLabel('Sagsreference').fill(ref);
    await page.getByLabel('Husstand').fill(`H-${ref}`);
    await page
      .getByLabel('Enhed')
      .selectOption({ label: 'Myndighed, det specialiserede børneområde' });
    await page.getByLabel('Personreference').fill(`P-${ref}`);
    await page.getByLabel('Født').fill('2013-04-02');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();

    // the first measure of the household is granted at once
    await addMeasure(page, 'Slagelse Familie Center');
    await page.getByRole('button', { name: `Bevilg ${ref}-1` }).click();
    await page.getByText('Indsatsen er bevilget.').waitFor();

    // the second one is caught by the household rule
    await addMeasure(page, 'Kontaktpersonkorpset');
    await page.getByRole('button', { name: `Bevilg ${ref}-2` }).click();
    await page
      .getByText(`Bevillingen af ${ref}-2 afventer funktionslederens godkendelse.`, {
        exact: false,
      })
      .waitFor();
    const row = page.getByRole('row', { name: new RegExp(`^${ref}-2 `) });
    await expect(row.textContent()).resolves.toContain('Forventet');
    await row.getByRole('link', { name: 'Afventer godkendelse' }).waitFor();
    // no second grant button while it waits
    expect(await page.getByRole('button', { name: `Bevilg ${ref}-2` }).count()).toBe(0);
    const approvals = page.getByRole('region', { name: 'Godkendelser' });
    await expect(approvals.textContent()).resolves.toContain('Rasmus Rådgiver');
    await expectAccessible(page);
    await screenshot(page, 'approvals-case-pending');

    // the rådgiver's own tasks show the request waiting
    await page
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: 'Mine opgaver' })
      .click();
    const own = page.getByRole('region', { name: 'Dine anmodninger, der afventer' });
    await own.getByRole('link', { name: `Åbn anmodningen om ${ref}-2 på sag ${ref}` }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'approvals-tasks-raadgiver');
  });

  it('the funktionsleder sees it in Mine opgaver and approves it with a reason; the case shows who decided what', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'leder');
    // the front page's panel counts the approvals and links to them
    const panel = page.getByRole('region', { name: 'Mine opgaver' });
    await panel.getByRole('link', { name: /Godkendelser at afgøre/ }).waitFor();
    await screenshot(page, 'approvals-dashboard-panel');
    await panel.getByRole('link', { name: 'Gå til Mine opgaver' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    const inbox = page.getByRole('region', { name: 'Godkendelser at afgøre' });
    const mine = inbox.getByRole('link', { name: `Åbn anmodningen om ${ref}-2 på sag ${ref}` });
    await mine.waitFor();
    // the demo's requests wait there too (a header row and more than one request)
    expect(await inbox.getByRole('row').count()).toBeGreaterThan(2);
    await expectAccessible(page);
    await screenshot(page, 'approvals-tasks-leder');
    await mine.click();

    await page
      .getByRole('heading', { level: 1, name: `Anmodning om godkendelse: ${ref}-2 på sag ${ref}` })
      .waitFor();
    // the payment and its cost come with the case
    await page.getByText('Forventet udgift 2026').waitFor();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Husstanden får 2 foranstaltninger i kraft på samme tid');
    expect(facts).toContain('Rasmus Rådgiver');
    expect(facts).toContain('Kontaktpersonkorpset');
    expect(facts).toContain('500 kr. dagligt');
    expect(facts).toContain('15.500 kr.');
    // a reason is required
    await page.getByRole('button', { name: 'Afvis' }).click();
    await page.getByRole('alert').getByText('Skriv en begrundelse.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'approvals-decision');
    await page.getByLabel('Begrundelse').fill('Barnet har brug for begge indsatser i en periode.');
    await page.getByRole('button', { name: 'Godkend' }).click();
    await page.getByText('Godkendt. Indsatsen er bevilget fra i dag.').waitFor();

    await page.getByRole('link', { name: ref, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Sag ${ref}` }).waitFor();
    const history = page.getByRole('region', { name: 'Godkendelser' });
    const decided = history.getByRole('row', {
      name: new RegExp(`Åbn anmodningen om ${ref}-2 `),
    });
    const text = await decided.textContent();
    expect(text).toContain('Godkendt');
    expect(text).toContain('Mette Friis');
    expect(text).toContain('Barnet har brug for begge indsatser i en periode.');
    const row = page
      .locator('table')
      .first()
      .getByRole('row', { name: new RegExp(`^${ref}-2 `) });
    await expect(row.textContent()).resolves.toContain('Bevilget');
    await expectAccessible(page);
    await screenshot(page, 'approvals-case-history');
  });
});

describe('visitation items', () => {
  it('the faglig koordinator sees the cases put forward to the coming visitation meeting she takes part in', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'koordinator');
    await page
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: 'Mine opgaver' })
      .click();
    const items = page.getByRole('region', { name: 'Sager til kommende visitationsmøder' });
    await items
      .getByRole('link', { name: /^Åbn mødet / })
      .first()
      .waitFor();
    await expect(items.textContent()).resolves.toContain('Forlængelse af efterværn');
    await expectAccessible(page);
    await screenshot(page, 'approvals-tasks-koordinator');
  });

  it('ledelse, who may not decide approvals, has no Mine opgaver', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'direktion');
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    await menu.getByRole('link', { name: 'Overblik' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Mine opgaver' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Mine opgaver' }).count()).toBe(0);
  });
});

describe('two approvers at once', () => {
  it('the one who decides second is told who decided first, and nothing of theirs is saved', async () => {
    const leder = await newPage(browser);
    await loginAs(leder, 'leder');
    await leder.goto(`${baseUrl()}/opgaver`);
    const first = leder
      .getByRole('region', { name: 'Godkendelser at afgøre' })
      .getByRole('link', { name: /^Åbn anmodningen/ })
      .first();
    await first.click();
    await leder.getByRole('heading', { level: 1, name: /^Anmodning om godkendelse/ }).waitFor();
    const url = leder.url();

    const admin = await newPage(browser);
    await loginAs(admin, 'admin');
    await admin.goto(url);
    await admin.getByLabel('Begrundelse').fill('Godkendt af administrator.');
    await admin.getByRole('button', { name: 'Godkend' }).click();
    await admin.getByText('Godkendt. Indsatsen er bevilget fra i dag.').waitFor();

    await leder.getByLabel('Begrundelse').fill('Afvist, for dyrt.');
    await leder.getByRole('button', { name: 'Afvis' }).click();
    await leder
      .getByRole('alert')
      .getByText(/Anne Administrator afgjorde anmodningen .* mens du havde den åben: godkendt/)
      .waitFor();
    await screenshot(leder, 'approvals-decided-meanwhile');
  });
});

describe('the approval rules in the administration', () => {
  it('lists both rules with their switches, parameters and the day they take effect', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'admin');
    await page.goto(`${baseUrl()}/administration/godkendelsesregler`);
    const household = page.getByRole('form', { name: 'Flere foranstaltninger i en husstand' });
    await expect(
      household.getByLabel('Højst antal foranstaltninger uden godkendelse').inputValue(),
    ).resolves.toBe('1');
    await expect(household.getByLabel('Gælder fra').inputValue()).resolves.toBe('01.01.2026');
    const visitation = page.getByRole('form', { name: 'Afgøres på visitationsmøde' });
    await expect(visitation.getByLabel('Efterværn').isChecked()).resolves.toBe(true);
    await household.getByRole('button', { name: /Gem reglen/ }).click();
    await page.getByRole('status').getByText('Reglen er gemt.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'approvals-rules');
  });
});
