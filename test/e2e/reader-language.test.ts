// Each reader chooses their language on My profile, and the panel and the audit log's sentences
// follow it, in a real browser (Debian's Chromium through playwright-core). With SAVE_SCREENSHOTS=1
// it saves the README's German screenshot under docs/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { freshBundleDir } from './bundle-dir.js';
import { launchChromium, listen, signInThroughForm } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp } = await import('../helpers/test-app.js');
const { adminApi } = await import('../helpers/admin-api.js');
const { User } = await import('../../src/entities/index.js');

jest.setTimeout(120_000);

const SCREENSHOTS = process.env.SAVE_SCREENSHOTS
  ? new URL('../../docs/screenshots/', import.meta.url).pathname
  : `${fs.mkdtempSync(path.join(os.tmpdir(), 'mh-screenshots-'))}/`;

let t: Awaited<ReturnType<typeof startTestApp>>;
let http: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await startTestApp();
  http = await listen(t.app);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, timezoneId: 'UTC' })).newPage();
  const admin = adminApi(await t.signIn());
  const inbox = await admin.create('Inbox', { name: 'Soporte', channelType: 'api' });
  await admin.edit('Inbox', String(inbox.body.record!.params.id), { name: 'Soporte VIP' });
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await t?.close();
});

const url = (route: string) => `${http.baseUrl}${route}`;
/** The Activity cells once the list has rendered its rows (it fetches them after the page loads). */
const activities = async () => {
  await page.waitForSelector('[data-testid="property-list-sentence"]');
  return page.locator('[data-testid="property-list-sentence"]').allInnerTexts();
};

async function myId(): Promise<number> {
  return (await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id;
}

describe('the reader\'s language', () => {
  it('is chosen on My profile and applies to the panel and the audit log at once', async () => {
    await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(url('/admin/resources/AuditLog?filters.action=inbox.updated'));
    const [english] = await activities();
    expect(english).toMatch(/updated inbox "Soporte VIP" .*: Name$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.goto(url(`/admin/resources/MyProfile/records/${await myId()}/chooseLanguage`));
    await Promise.all([page.waitForEvent('load'), page.click('[data-language="de"]')]);
    await page.waitForSelector('html[lang="de"]');
    expect(await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).toMatchObject({ locale: 'de' });
    // The change of language is itself an audited change of the user.
    const [changed] = await t.entries('user.updated');
    expect(changed!.changes).toMatchObject({ locale: { from: null, to: 'de' } });

    await page.goto(url('/admin/resources/AuditLog?filters.action=inbox.updated'));
    await page.waitForSelector('[data-testid="property-list-sentence"]');
    const [german] = await activities();
    expect(german).toContain('„Soporte VIP“');
    expect(german).not.toContain('updated');
    // AdminJS's own texts follow too.
    expect(await page.locator('body').innerText()).toMatch(/Filter/);
    await page.screenshot({ path: `${SCREENSHOTS}audit-log-list-de.png` });

    await page.goto(url(`/admin/resources/MyProfile/records/${await myId()}/chooseLanguage`));
    await Promise.all([page.waitForEvent('load'), page.click('[data-language="en"]')]);
    await page.waitForSelector('html[lang="en"]');
    await page.goto(url('/admin/resources/AuditLog?filters.action=inbox.updated'));
    await page.waitForSelector('[data-testid="property-list-sentence"]');
    expect((await activities())[0]).toBe(english);
  });
});
