// The Audit Logs viewer in a real browser (Debian's Chromium through playwright-core): what an
// administrator sees after doing something, how they find it, read it and export it, and that an
// agent sees none of it. With SAVE_SCREENSHOTS=1 it saves the README's screenshots under docs/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freshBundleDir } from './bundle-dir.js';
import { launchChromium, listen, signInThroughForm } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, startTestApp } = await import('../helpers/test-app.js');
const { adminApi } = await import('../helpers/admin-api.js');
const { User, Webhook } = await import('../../src/entities/index.js');
const { transactionInAuditScope } = await import('@hashtrail/adminjs-audit');
const { seededAccountId } = await import('../helpers/accounts.js');

// The first page bundles the custom components (a few seconds); the rest is fast.
jest.setTimeout(90_000);

// The README's screenshots are refreshed only on request (npm run screenshots); an ordinary test
// run writes its shots to a temp folder and leaves the working tree as it was.
const SCREENSHOTS = process.env.SAVE_SCREENSHOTS
  ? new URL('../../docs/screenshots/', import.meta.url).pathname
  : `${fs.mkdtempSync(path.join(os.tmpdir(), 'mh-screenshots-'))}/`;

let t: Awaited<ReturnType<typeof startTestApp>>;
let http: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let adminContext: BrowserContext;
let page: Page;
const startedAt = new Date();

beforeAll(async () => {
  t = await startTestApp();
  http = await listen(t.app);
  browser = await launchChromium();
  adminContext = await browser.newContext({ acceptDownloads: true, viewport: { width: 1360, height: 900 }, timezoneId: 'UTC' });
  page = await adminContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await t?.close();
});

const url = (path: string) => `${http.baseUrl}${path}`;
/** Activity cells of the Audit Logs list as shown. */
const activities = () => page.locator('[data-testid="property-list-sentence"]').allInnerTexts();

/** AdminJS scrolls inside its own layout, so a full-page shot stops at the viewport: grow it instead. */
async function tallScreenshot(path: string, height: number): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

async function openLog(search = ''): Promise<void> {
  await page.goto(url(`/admin/resources/AuditLog${search}`));
  await page.locator('[data-testid="property-list-sentence"], [data-css="AuditLog-no-records"], :text("No audit entries match")').first().waitFor();
}

describe('Audit Logs in the browser', () => {
  it('an administrator signs in and the dashboard shows latest entries, entries per day, sign-in failures with IPs and active actors', async () => {
    // A refused sign-in first, so the failures card has something to show.
    await page.goto(url('/admin/login'));
    await page.fill('input[name="email"]', ADMIN_EMAIL);
    await page.fill('input[name="password"]', 'not-the-password');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/login') && r.request().method() === 'POST'), page.click('form button')]);

    await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.locator('[data-testid="dashboard"]').waitFor();
    await expect(page.locator('[data-testid="dashboard-latest"]').innerText()).resolves.toContain('Ada Admin signed in');
    await expect(page.locator('[data-testid="dashboard-latest"] a').first().getAttribute('href')).resolves.toMatch(/^\/admin\/resources\/AuditLog\/records\/\d+\/show$/);
    await expect(page.locator('[data-testid="per-day-chart"] rect').count()).resolves.toBe(30);
    const failures = await page.locator('[data-testid="dashboard-failures"]').innerText();
    expect(failures).toMatch(/Sign-in failures, last 24 hours: 1/);
    expect(failures).toContain('127.0.0.1');
    expect(failures).toContain(ADMIN_EMAIL);
    await expect(page.locator('[data-testid="dashboard-actors"]').innerText()).resolves.toContain('Ada Admin');
    await tallScreenshot(`${SCREENSHOTS}dashboard.png`, 1650);
  });

  it('creating an inbox shows in Audit Logs as the first column sentence, with relative time (exact on hover) and IP', async () => {
    await page.goto(url('/admin/resources/Inbox/actions/new'));
    await page.fill('[data-testid="property-edit-name"] input', 'E2E Lobby');
    await page.click('[data-testid="property-edit-channelType"] .adminjs_Select, [data-testid="property-edit-channelType"] input');
    await page.keyboard.type('website');
    await page.keyboard.press('Enter');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/resources/Inbox/actions/new') && r.request().method() === 'POST'),
      page.click('[data-testid="button-save"]'),
    ]);

    await openLog();
    const header = await page.locator('thead td').allInnerTexts();
    expect(header.map((text) => text.trim()).filter(Boolean)[0]).toBe('Activity');
    const firstRow = page.locator('tbody tr').first();
    await expect(firstRow.locator('[data-testid="property-list-sentence"]').innerText()).resolves.toBe('Ada Admin created inbox "E2E Lobby" (#4)');
    const time = firstRow.locator('[data-testid="relative-time"]');
    await expect(time.innerText()).resolves.toMatch(/just now|second|minute/);
    await expect(time.getAttribute('title')).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
    await expect(firstRow.locator('[data-testid="property-list-ip"]').innerText()).resolves.toBe('127.0.0.1');
    await page.screenshot({ path: `${SCREENSHOTS}audit-logs-list.png`, fullPage: false });
  });

  it('filters by actor and by date, searches from the filter drawer, and says what is recorded when nothing matches', async () => {
    const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL });
    await openLog(`?filters.actorId=${admin.id}&filters.occurredAt~~from=${encodeURIComponent(startedAt.toISOString())}`);
    const mine = await activities();
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((text) => text.startsWith('Ada Admin '))).toBe(true);

    await openLog('?filters.occurredAt~~to=2001-01-01T00:00:00.000Z');
    await expect(page.getByText('No audit entries match').first().isVisible()).resolves.toBe(true);

    await openLog();
    await page.click('[data-css="AuditLog-filter-button"]');
    await page.fill('[data-testid="property-filter-search"] input', 'e2e lobby');
    await Promise.all([page.waitForURL(/filters\.search=e2e/, { waitUntil: 'commit' }), page.click('button[type="submit"]:has-text("Apply")')]);
    await page.locator('[data-testid="property-list-sentence"]').first().waitFor();
    const found = await activities();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((text) => text.includes('E2E Lobby'))).toBe(true);
  });

  it('the show page says who, when, where and what, with before/after of the changed fields and secrets masked', async () => {
    const api = adminApi(await t.signIn());
    const [created] = await t.entries('inbox.created');
    await api.edit('Inbox', created!.targetId!, { name: 'E2E Front Desk' });
    // The panel never edits a signing secret; a rotation through the ORM (a job of the account's) is recorded all the same.
    await transactionInAuditScope(t.dataSource, { accountId: String(await seededAccountId(t)) }, async (manager) => {
      const webhook = await manager.getRepository(Webhook).findOneByOrFail({ id: 1 });
      webhook.signingSecret = 'a-brand-new-secret-value-123';
      await manager.save(webhook);
    });

    const [renamed] = await t.entries('inbox.updated');
    await page.goto(url(`/admin/resources/AuditLog/records/${renamed!.id}/show`));
    await page.locator('[data-testid="audit-entry"]').waitFor();
    await expect(page.locator('[data-testid="audit-sentence"]').innerText()).resolves.toContain('updated inbox "E2E Front Desk"');
    await expect(page.locator('[data-testid="audit-who"]').innerText()).resolves.toMatch(/Ada Admin[\s\S]*admin@messagehub\.local[\s\S]*administrator/);
    await expect(page.locator('[data-testid="audit-utc"]').innerText()).resolves.toMatch(/ UTC$/);
    await expect(page.locator('[data-testid="audit-ip"]').innerText()).resolves.toBe('127.0.0.1');
    const nameRow = await page.locator('[data-testid="change-name"]').innerText();
    expect(nameRow).toMatch(/name\s+E2E Lobby\s+E2E Front Desk/);
    await expect(page.locator('[data-testid="link-target"]').getAttribute('href')).resolves.toBe(`/admin/resources/Inbox/records/${created!.targetId}/show`);
    await tallScreenshot(`${SCREENSHOTS}audit-log-entry.png`, 1250);

    const [secret] = await t.entries('webhook.updated');
    await page.goto(url(`/admin/resources/AuditLog/records/${secret!.id}/show`));
    await page.locator('[data-testid="change-signingSecret"]').waitFor();
    await expect(page.locator('[data-testid="change-signingSecret"] [data-testid="masked-value"]').count()).resolves.toBe(2);
    await expect(page.content()).resolves.not.toContain('a-brand-new-secret-value-123');
  });

  it('from an entry, one click to everything from this IP and everything this actor did that day', async () => {
    const [renamed] = await t.entries('inbox.updated');
    await page.goto(url(`/admin/resources/AuditLog/records/${renamed!.id}/show`));
    await Promise.all([page.waitForURL(/filters\.ip=127\.0\.0\.1/, { waitUntil: 'commit' }), page.click('[data-testid="link-same-ip"]')]);
    await page.locator('[data-testid="property-list-ip"]').first().waitFor();
    const ips = await page.locator('[data-testid="property-list-ip"]').allInnerTexts();
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((ip) => ip === '127.0.0.1')).toBe(true);

    await page.goto(url(`/admin/resources/AuditLog/records/${renamed!.id}/show`));
    await Promise.all([page.waitForURL(/filters\.actorId=\d+.*occurredAt(~~|%7E%7E)from/, { waitUntil: 'commit' }), page.click('[data-testid="link-actor-day"]')]);
    await page.locator('[data-testid="property-list-sentence"]').first().waitFor();
    expect((await activities()).every((text) => text.startsWith('Ada Admin '))).toBe(true);
  });

  it('"Audit history" on an inbox opens Audit Logs filtered to that inbox', async () => {
    const [created] = await t.entries('inbox.created');
    await page.goto(url(`/admin/resources/Inbox/records/${created!.targetId}/show`));
    await Promise.all([page.waitForURL(/\/admin\/resources\/AuditLog\?.*filters\.targetType=inbox/, { waitUntil: 'commit' }), page.click('[data-testid="action-auditHistory"]')]);
    await page.locator('[data-testid="property-list-sentence"]').first().waitFor();
    const history = await activities();
    expect(history).toEqual(['Ada Admin updated inbox "E2E Front Desk" (#4): Name', 'Ada Admin created inbox "E2E Lobby" (#4)']);
  });

  it('exports the entries matching the current filters as CSV, and the export is itself recorded', async () => {
    await openLog('?filters.action=inbox.created');
    await page.click('[data-testid="action-export"]');
    await page.locator('[data-testid="export-filters"]').waitFor();
    await expect(page.locator('[data-testid="export-filters"]').innerText()).resolves.toContain('action = inbox.created');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
    const lines = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurred_at,action,category,activity,/);
    expect(lines.slice(1)).toHaveLength((await t.entries('inbox.created')).length);
    expect(lines[1]).toContain('Ada Admin created inbox ""E2E Lobby"" (#4)');

    const [exported] = await t.entries('audit_log.exported');
    expect(exported!.details).toMatchObject({ format: 'csv', filters: { action: 'inbox.created' }, rows: lines.length - 1, complete: true });
    expect(exported!.ip).toBe('127.0.0.1');
  });

  it('an agent finds no Audit Logs in the menu, no audit numbers on the dashboard, and cannot export', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const agentPage = await agentContext.newPage();
    try {
      await signInThroughForm(agentPage, http.baseUrl, AGENT_EMAIL, AGENT_PASSWORD);
      await agentPage.locator('[data-testid="dashboard-agent"]').waitFor();
      await agentPage.getByText('Chat Settings', { exact: true }).click();
      await agentPage.locator('a[href="/admin/resources/Inbox"]').waitFor();
      await expect(agentPage.locator('a[href="/admin/resources/AuditLog"]').count()).resolves.toBe(0);
      await expect(agentPage.getByText('Audit Logs').count()).resolves.toBe(0);
      const response = await agentPage.request.get(url('/admin/audit-logs/export?format=csv'));
      expect(response.status()).toBe(403);
    } finally {
      await agentContext.close();
    }
  });
});
