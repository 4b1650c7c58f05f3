import { mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export { launchBrowser, newPage } from './chromium';

export const baseUrl = (): string => inject('baseUrl');

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
