// The search bar above the Audit Logs list, in a real browser (Debian's Chromium through
// playwright-core): visible without opening anything, Enter searches (ignoring case), and the URL
// holds the search, so a reload keeps it, Back returns to the list before it, clearing the bar
// ends it, and the filter drawer never brings back a search the URL no longer holds.
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { freshBundleDir } from './bundle-dir.js';
import { launchChromium, listen, signInThroughForm } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp } = await import('../helpers/test-app.js');
const { adminApi } = await import('../helpers/admin-api.js');

// The first page bundles the custom components (a few seconds); the rest is fast.
jest.setTimeout(90_000);

let t: Awaited<ReturnType<typeof startTestApp>>;
let http: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let page: Page;

/** Two inboxes whose entries the searches below find; their names differ in case from the terms typed. */
const ZEPHYR = 'Zephyr Desk';
const QUILL = 'Quill Counter';

beforeAll(async () => {
  t = await startTestApp();
  const admin = adminApi(await t.signIn());
  for (const name of [ZEPHYR, QUILL]) expect((await admin.create('Inbox', { name, channelType: 'api' })).status).toBe(200);
  http = await listen(t.app);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, timezoneId: 'UTC' })).newPage();
  await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await t?.close();
});

const url = (path: string) => `${http.baseUrl}${path}`;
const bar = () => page.locator('[data-testid="audit-search-input"]');
/** The search parameter of the page's URL, null when there is none. */
const searchParam = () => new URL(page.url()).searchParams.get('filters.search');

/**
 * The Activity cells once the list shows rows that pass `shows` (the list reads after the URL
 * changes); fails with the last rows seen when it never does.
 */
async function activitiesWhen(shows: (activities: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
  const cells = page.locator('[data-testid="property-list-sentence"]');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const activities = await cells.allInnerTexts();
    if (activities.length > 0 && shows(activities)) return activities;
    if (Date.now() > deadline) throw new Error(`the list never showed the expected rows; it shows:\n${activities.join('\n')}`);
    await page.waitForTimeout(100);
  }
}

const onlyZephyr = (activities: string[]) => activities.every((text) => text.includes(ZEPHYR));
const notOnlyZephyr = (activities: string[]) => activities.some((text) => !text.includes(ZEPHYR));

async function openList(): Promise<void> {
  await page.goto(url('/admin/resources/AuditLog'));
  await activitiesWhen(() => true);
}

async function searchFor(term: string): Promise<void> {
  await bar().fill(term);
  await Promise.all([page.waitForURL(/filters\.search=/, { waitUntil: 'commit' }), bar().press('Enter')]);
}

describe('the Audit Logs search bar', () => {
  it('is on the list when it loads, above the rows, empty', async () => {
    await openList();
    await expect(bar().isVisible()).resolves.toBe(true);
    await expect(bar().inputValue()).resolves.toBe('');
    await expect(page.locator('[data-testid="audit-search-submit"]').isVisible()).resolves.toBe(true);
    // Above the rows, inside the window as the page opens: nothing to scroll to or open.
    const barBox = (await bar().boundingBox())!;
    const firstRow = (await page.locator('tbody tr').first().boundingBox())!;
    expect(barBox.y).toBeLessThan(firstRow.y);
    expect(barBox.y + barBox.height).toBeLessThan(page.viewportSize()!.height);
  });

  it('searches on Enter, ignoring case, with the term in the URL, on page 1', async () => {
    await openList();
    await searchFor('zEPHYR dESK');
    expect(searchParam()).toBe('zEPHYR dESK');
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    const found = await activitiesWhen(onlyZephyr);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(`created inbox "${ZEPHYR}"`);
  });

  it('keeps the search through a reload', async () => {
    await page.reload();
    await activitiesWhen(onlyZephyr);
    await expect(bar().inputValue()).resolves.toBe('zEPHYR dESK');
    expect(searchParam()).toBe('zEPHYR dESK');
  });

  it('goes back to the list before the search, and forward to it again', async () => {
    await openList();
    await searchFor('zephyr');
    await activitiesWhen(onlyZephyr);
    await searchFor('QUILL');
    await activitiesWhen((activities) => activities.every((text) => text.includes(QUILL)));

    await page.goBack();
    await activitiesWhen(onlyZephyr);
    expect(searchParam()).toBe('zephyr');
    await expect(bar().inputValue()).resolves.toBe('zephyr');

    await page.goBack();
    await activitiesWhen(notOnlyZephyr);
    expect(searchParam()).toBeNull();
    await expect(bar().inputValue()).resolves.toBe('');

    await page.goForward();
    await activitiesWhen(onlyZephyr);
    await expect(bar().inputValue()).resolves.toBe('zephyr');
  });

  it('ends the search when the bar is cleared', async () => {
    await openList();
    await searchFor('zephyr');
    await activitiesWhen(onlyZephyr);
    await Promise.all([page.waitForURL((address) => !address.searchParams.has('filters.search'), { waitUntil: 'commit' }), bar().fill('')]);
    await activitiesWhen(notOnlyZephyr);

    await searchFor('zephyr');
    await activitiesWhen(onlyZephyr);
    await Promise.all([page.waitForURL((address) => !address.searchParams.has('filters.search'), { waitUntil: 'commit' }), page.click('[data-testid="audit-search-clear"]')]);
    await activitiesWhen(notOnlyZephyr);
    await expect(bar().inputValue()).resolves.toBe('');

    // Escape in the bar clears it too.
    await searchFor('zephyr');
    await activitiesWhen(onlyZephyr);
    await Promise.all([page.waitForURL((address) => !address.searchParams.has('filters.search'), { waitUntil: 'commit' }), bar().press('Escape')]);
    await activitiesWhen(notOnlyZephyr);
    await expect(bar().inputValue()).resolves.toBe('');
  });

  it('never re-applies a search from the filter drawer after the list was left without it', async () => {
    await openList();
    await searchFor('zephyr');
    await activitiesWhen(onlyZephyr);
    // The drawer shows the search the URL holds.
    await page.click('[data-css="AuditLog-filter-button"]');
    await expect(page.locator('[data-testid="property-filter-search"] input').inputValue()).resolves.toBe('zephyr');
    await page.locator('[data-css="AuditLog-filter-drawer"] button[type="button"]').first().click(); // its close button (X)

    // Away from the search to the whole list through the menu's link: the list stays on screen,
    // no page load in between (where AdminJS's own drawer kept the old search).
    await Promise.all([page.waitForURL((address) => !address.search, { waitUntil: 'commit' }), clickMenuLink('/admin/resources/AuditLog')]);
    await activitiesWhen(notOnlyZephyr);
    expect(searchParam()).toBeNull();

    // Open the drawer, filter by category, Apply: the old search does not come back with it.
    await page.click('[data-css="AuditLog-filter-button"]');
    await expect(page.locator('[data-testid="property-filter-search"] input').inputValue()).resolves.toBe('');
    await Promise.all([page.waitForURL(/filters\.action=/, { waitUntil: 'commit' }), applyActionFilter('inbox.created')]);
    expect(searchParam()).toBeNull();
    const created = await activitiesWhen((activities) => activities.every((text) => text.includes('created inbox')));
    expect(created.some((text) => text.includes(QUILL))).toBe(true);
    await expect(bar().inputValue()).resolves.toBe('');
  });

  it('keeps the other filters when it searches, and the drawer counts them on its button', async () => {
    await expect(page.locator('[data-css="AuditLog-filter-button"]').innerText()).resolves.toContain('(1)');
    await searchFor('quill');
    const params = new URL(page.url()).searchParams;
    expect(params.get('filters.action')).toBe('inbox.created');
    expect(params.get('filters.search')).toBe('quill');
    const found = await activitiesWhen((activities) => activities.every((text) => text.includes(`created inbox "${QUILL}"`)));
    expect(found).toHaveLength(1);
  });
});

/** Clicks the sidebar's link to `href`, opening its navigation group first when it is folded. */
async function clickMenuLink(href: string): Promise<void> {
  const link = page.locator(`[data-css="sidebar"] a[href="${href}"]`);
  if (!(await link.isVisible())) await page.locator('[data-css="sidebar"]').getByText('Chat Settings', { exact: true }).click();
  await link.click();
}

/** In the open filter drawer: the action key `key`, then Apply. */
async function applyActionFilter(key: string): Promise<void> {
  const drawer = page.locator('[data-css="AuditLog-filter-drawer"]');
  await drawer.locator('[data-testid="property-filter-action"] input').fill(key);
  await page.keyboard.press('Enter');
  await drawer.locator('button[type="submit"]').click();
}
