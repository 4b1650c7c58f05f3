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

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const cell = (page: Page, area: number, month: string) =>
  page.getByRole('textbox', { name: `Indsatsområde ${area}, ${month}`, exact: true });

async function openReferencePlan(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Handleplaner' }).click();
  await page.getByRole('heading', { level: 1, name: 'Handleplaner' }).waitFor();
  await page.getByRole('link', { name: 'Handleplan 2018', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Handleplan 2018/ }).waitFor();
}

describe('action plans in the browser', () => {
  it('shows the reference plan with every figure of HANDLEPLAN 2018', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await openReferencePlan(page);
    const effect = page.locator('table.ap-effect');
    const totalRow = effect.locator('tfoot tr');
    await expect(totalRow.locator('th').textContent()).resolves.toBe('I alt');
    const totals = await totalRow.locator('td').allTextContents();
    expect(totals).toEqual([
      '',
      '',
      '',
      '20.000',
      '475.000',
      '705.000',
      '1.010.000',
      '1.080.000',
      '1.080.000',
      '1.080.000',
      '1.100.000',
      '1.050.000',
      '7.600.000',
    ]);
    const overspend = await page.locator('table.ap-overspend').textContent();
    expect(overspend).toContain('Forventet merforbrug ved opstart af handleplan:7.600.000');
    expect(overspend).toContain('Forventet merforbrug efter denne opdatering:0');
    await expectAccessible(page);
    await screenshot(page, 'action-plan-reference');
  });

  it('edits the monthly table with the keyboard and a pasted block, totals following, and saves', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await openReferencePlan(page);
    await page.getByRole('link', { name: 'Redigér' }).click();
    await page.getByRole('heading', { level: 1, name: /Redigér/ }).waitFor();

    // Type a Danish amount into area 1, May, then move right with the arrow key.
    await cell(page, 1, 'maj').focus();
    await page.keyboard.type('250.000');
    await expect(page.getByTestId('row-total-1').textContent()).resolves.toBe('4.950.000');
    await expect(page.getByTestId('month-total-4').textContent()).resolves.toBe('425.000');
    await expect(page.getByTestId('grand-total').textContent()).resolves.toBe('7.550.000');
    await expect(page.locator('tr.ap-row-off').first().textContent()).resolves.toContain(
      'Mangler 50.000 kr.',
    );
    await page.keyboard.press('ArrowRight');
    await expect(
      cell(page, 1, 'juni').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect(
      cell(page, 2, 'juni').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);

    // Paste a block copied from a spreadsheet into area 6, January.
    await cell(page, 6, 'januar').focus();
    await cell(page, 6, 'januar').evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '10.000\t1.234,50\n5000\t5.000\n');
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect(cell(page, 7, 'februar').inputValue()).resolves.toBe('5.000');
    await expect(page.getByTestId('month-total-0').textContent()).resolves.toBe('15.000');
    await expect(page.getByTestId('month-total-1').textContent()).resolves.toBe('6.234,50');
    await expect(page.getByTestId('row-total-6').textContent()).resolves.toBe('111.234,50');

    // One click spreads what is missing for area 1 over the remaining months.
    await page.getByRole('button', { name: /Fordel resten for indsatsområde 1/ }).click();
    await expect(page.getByTestId('row-total-1').textContent()).resolves.toBe('5.000.000');
    // At 1366 px the page keeps its width: the grid scrolls inside its frame, with the area
    // numbers staying in view at its left edge.
    expect(await fitsWidth(page)).toBe(true);
    const wrap = page.locator('.ap-grid-wrap');
    await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const frame = await wrap.boundingBox();
    const areaNumber = await wrap.locator('tbody th').first().boundingBox();
    const target = await page.getByRole('columnheader', { name: 'Mål', exact: true }).boundingBox();
    expect(frame && areaNumber && target).toBeTruthy();
    if (frame && areaNumber && target) {
      expect(Math.abs(areaNumber.x - frame.x)).toBeLessThan(2);
      expect(target.x + target.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    }
    await expectAccessible(page);
    await screenshot(page, 'action-plan-editor');
    await page
      .locator('.ap-grid-wrap')
      .screenshot({ path: 'test-results/screenshots/action-plan-grid.png' });

    await page
      .getByLabel('Kommentar til opdateringen')
      .fill('Maj flyttet til december; nye beløb i januar og februar');
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Gemt som version' }).waitFor();
    const totals = await page.locator('table.ap-effect tfoot td').allTextContents();
    expect(totals[0]).toBe('15.000');
    expect(totals[12]).toBe('7.621.234,50');
    await expectAccessible(page);
    await screenshot(page, 'action-plan-saved');
  });

  it('shows the 2026 plan with its realisation chart, table and history', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.getByRole('link', { name: 'Handleplaner' }).click();
    // Other 2026 drafts may exist (the budget test drafts one for Slagelse Familie Center): pick the unit's.
    await page
      .getByRole('row', { name: /Ungeteam og efterværn/ })
      .getByRole('link', { name: 'Handleplan 2026', exact: true })
      .click();
    // Two units' plans are both called 'Handleplan 2026': the heading names the unit.
    await page
      .getByRole('heading', { level: 1, name: /^Handleplan 2026 – Ungeteam og efterværn/ })
      .waitFor();
    await page
      .getByRole('img', { name: 'Planlagt og realiseret effekt, akkumuleret pr. måned' })
      .waitFor();
    // One remaining figure, against the forecast now, beside the plan's own figures.
    await page.getByTestId('plan-remaining').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text.split('Tilbage at dække efter planens resterende effekt').length - 1).toBe(1);
    expect(text).not.toContain('Tilbage af det forventede merforbrug');
    expect(text).not.toContain('er ikke dækket');
    expect(await page.locator('table.ap-now').textContent()).toMatch(
      /Forventet merforbrug ifølge prognosen:[\d.,-]+/,
    );
    await page.getByLabel('Fra version').selectOption('2');
    await page.getByLabel('Til version').selectOption('3');
    await page.locator('table.ap-compare').waitFor();
    expect(await page.locator('table.ap-compare').textContent()).toContain(
      'Indsatsområde 2, målbeløb',
    );
    await expectAccessible(page);
    await screenshot(page, 'action-plan-2026');

    // Recording the realised effect: the grid is captioned as the realised effect, not the planned.
    await page.getByRole('button', { name: 'Registrér realiseret effekt' }).click();
    const grid = page.locator('table.ap-grid');
    await expect(grid.locator('caption').textContent()).resolves.toMatch(
      /^Realiseret effekt pr\. måned i 2026/,
    );
  });

  it('refuses a stale save with who changed it, keeping the edits in the form', async () => {
    const first = await newPage(browser);
    const second = await newPage(browser);
    await loginAs(first, 'okonomi');
    await loginAs(second, 'leder');
    for (const page of [first, second]) {
      await openReferencePlan(page);
      await page.getByRole('link', { name: 'Redigér' }).click();
      await cell(page, 3, 'december').waitFor();
    }
    await cell(first, 3, 'december').fill('45.000');
    await first.getByRole('button', { name: 'Gem', exact: true }).click();
    await first.getByRole('status').filter({ hasText: 'Gemt som version' }).waitFor();

    await cell(second, 4, 'december').fill('75.000');
    await second.getByRole('button', { name: 'Gem', exact: true }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'ændret af' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Ole Økonomikonsulent');
    await expect(cell(second, 4, 'december').inputValue()).resolves.toBe('75.000');
    await expectAccessible(second);
    await screenshot(second, 'action-plan-conflict');

    // The first user's change is intact.
    await first.reload();
    await first.getByRole('heading', { level: 1, name: /Handleplan 2018/ }).waitFor();
    const row3 = await first
      .locator('table.ap-effect tbody tr')
      .nth(2)
      .locator('td')
      .allTextContents();
    expect(row3[11]).toBe('45.000');
  });

  it('marks "handleplan påkrævet" on the dashboard from the forecast, and drafts a plan in one click', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.getByRole('heading', { name: /Handleplan påkrævet/ }).waitFor();
    const section = page.locator('section[aria-labelledby="ap-required-title"]');
    // The same figure as the budget page: forecast − corrected budget as of the last closed month.
    const unge = section.getByRole('row', { name: /Ungeteam og efterværn/ });
    await unge.waitFor();
    const ungeText = await unge.textContent();
    // An overview: whole kroner (the plan itself carries the øre).
    expect(ungeText).toContain('2.315.368 kr.');
    expect(ungeText).not.toMatch(/\d,\d\d kr\./);
    expect(ungeText).toContain('fra prognosen pr. 31.10.2026');
    expect(ungeText).toContain('handleplan påkrævet');
    expect(ungeText).toContain('Handleplan 2026');
    expect(await section.textContent()).not.toContain('Børnehandicap');
    await expectAccessible(page);
    await screenshot(page, 'action-plan-dashboard');

    // A known expensive respite stay is added to Børnehandicap's forecast (1.839.234,59 kr. under
    // budget) with a reason …
    await page.goto(`${baseUrl()}/budget?year=2026&asOf=2026-10-31`);
    await page.getByRole('button', { name: 'Børnehandicap', exact: true }).click();
    await page.getByLabel('Beløb (kr.)').fill('2.000.000');
    await page.getByLabel('Begrundelse').fill('Kendt aflastningsophold fra november');
    await page.getByRole('button', { name: 'Gem korrektion' }).click();
    await page.getByText('Korrektionen er gemt.').waitFor();
    await page
      .getByRole('row', { name: /Børnehandicap/ })
      .filter({ hasText: 'Handleplan påkrævet' })
      .waitFor();

    // … and the dashboard follows: the same figure, from the forecast.
    await page.goto(`${baseUrl()}/`);
    const handicap = page
      .locator('section[aria-labelledby="ap-required-title"]')
      .getByRole('row', { name: /Børnehandicap/ });
    await handicap.waitFor();
    const handicapText = await handicap.textContent();
    expect(handicapText).toContain('160.765 kr.');
    expect(handicapText).toContain('fra prognosen pr. 31.10.2026');

    // One click: a draft prefilled with the header and the expected overspend.
    await page.getByRole('button', { name: /Opret kladde til handleplan – Børnehandicap/ }).click();
    await page.getByRole('heading', { level: 1, name: /Redigér: Handleplan 2026/ }).waitFor();
    await expect(
      page.getByLabel('Virksomhed / område', { exact: true }).inputValue(),
    ).resolves.toBe('Børnehandicap');
    await expect(
      page.getByLabel('Forventet merforbrug ved opstart af handleplan:').inputValue(),
    ).resolves.toBe('160.765,41');
    await page.getByText('Fra prognosen pr. 31.10.2026').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'action-plan-draft');
  });

  it('imports a plan from a JSON file into the chosen unit', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'okonomi');
    await page.getByRole('link', { name: 'Handleplaner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handleplaner' }).waitFor();
    const document = {
      format: 'overblik/action-plan@1',
      title: 'Handleplan 2027 (import)',
      year: 2027,
      unit: { name: null, responsible: null },
      areas: [
        {
          number: 1,
          title: 'Færre følgeudgifter',
          targetAmount: 120_000.5,
          monthlyEffect: [0, 0, 0, 0, 0, 0, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000.5],
        },
      ],
      expectedOverspend: { atStart: 150_000, atLastUpdate: null, afterThisUpdate: 150_000 },
    };
    await page
      .getByLabel('Enhed', { exact: true })
      .last()
      .selectOption({ label: 'Slagelse Familie Center' });
    await page.getByLabel('Vælg JSON-fil').setInputFiles({
      name: 'handleplan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(document)),
    });
    await page.getByRole('heading', { level: 1, name: /Handleplan 2027 \(import\)/ }).waitFor();
    const totals = await page.locator('table.ap-effect tfoot td').allTextContents();
    expect(totals[12]).toBe('120.000,50');
    expect(await page.locator('main').textContent()).toContain(
      'Den planlagte effekt på 120.000,50 kr. er mindre end det forventede merforbrug ved opstart på 150.000 kr.',
    );
  });
});
