import { mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const baseUrl = (): string => inject('baseUrl');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A Danish browser: native date inputs show dd.mm.åååå as users see them (this needs
      // Debian's chromium-l10n and a Danish LANGUAGE; --lang alone is ignored when headless).
      '--lang=da-DK',
    ],
    env: { ...process.env, LANGUAGE: 'da', LANG: 'da_DK.UTF-8' },
  });
}

/** A Danish page in Copenhagen time, 1366 px wide unless `width` says otherwise. */
export async function newPage(browser: Browser, width = 1366): Promise<Page> {
  const context = await browser.newContext({
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width, height: 900 },
  });
  return context.newPage();
}

export async function loginAs(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto(baseUrl());
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('navigation', { name: 'Hovedmenu' }).waitFor();
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** With DOCS_IMAGES=1, the page as the README and docs show it: `docs/images/<name>.png`. */
export async function docsImage(page: Page, name: string): Promise<void> {
  if (process.env.DOCS_IMAGES === '1')
    await page.screenshot({ path: `docs/images/${name}.png`, fullPage: true });
}

/** Does the page fit its width, with nothing scrolling sideways but the frames meant to? */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
