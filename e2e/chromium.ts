import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium for the browser tests and the first-paint benchmark (no test runner here). */

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
