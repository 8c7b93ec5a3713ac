// Real-browser test support: Debian's Chromium driven by playwright-core (never a downloaded
// browser), headless, with background networking off so a run makes no outside requests.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage', // small /dev/shm in containers
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Serves an Express app on a free port of 127.0.0.1. */
export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Signs in through the login form and waits for the panel. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(`${baseUrl}/admin`, { waitUntil: 'commit' }), page.click('form button')]);
}

/** A real browser signed in to an app served on a free port; `close()` ends both. */
export interface SignedInBrowser {
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Serves `app`, opens Chromium at 1360 × 900 and signs in as `email`. `clipboard`: lets the page's
 * Copy buttons write (and the test read back) through the Clipboard API.
 */
export async function signedInBrowser(app: Express, email: string, password: string, options: { clipboard?: boolean } = {}): Promise<SignedInBrowser> {
  const http = await listen(app);
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
  });
  const page = await context.newPage();
  await signInThroughForm(page, http.baseUrl, email, password);
  return {
    baseUrl: http.baseUrl,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await http.close();
    },
  };
}
