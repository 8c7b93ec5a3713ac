// The panel's rough edges, in a real browser (Debian's Chromium through playwright-core), as an
// agent and as an administrator walk through it: their own availability flow lands on My profile
// with one success notice; headings name the record or the resource; action buttons wrap without
// overlapping; plural menu names and no member menus; a notice does not follow the user to the
// next page; and every request a page makes goes to the app itself, favicon included.
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import request from 'supertest';
import { freshBundleDir } from './bundle-dir.js';
import { launchChromium, listen, signInThroughForm } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, BROWSER_UA, startTestApp } = await import('../helpers/test-app.js');
const { adminApi } = await import('../helpers/admin-api.js');
const { Account, Inbox, User, Webhook } = await import('../../src/entities/index.js');
const { BEA, betaAccount } = await import('../helpers/accounts.js');

// The first page bundles the custom components (a few seconds, more on a busy machine).
jest.setTimeout(120_000);

let t: Awaited<ReturnType<typeof startTestApp>>;
let http: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  t = await startTestApp();
  http = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await t?.close();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

const url = (path: string) => `${http.baseUrl}${path}`;
const ROLES = [
  ['an agent', AGENT_EMAIL, AGENT_PASSWORD],
  ['an administrator', ADMIN_EMAIL, ADMIN_PASSWORD],
] as const;

interface SignedIn {
  page: Page;
  /** Responses with an HTTP error status, as the page received them. */
  failures: string[];
}

async function signedIn(email: string, password: string, viewport = { width: 1360, height: 900 }): Promise<SignedIn> {
  const context = await browser.newContext({ viewport, timezoneId: 'UTC' });
  contexts.push(context);
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('response', (response: Response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  await signInThroughForm(page, http.baseUrl, email, password);
  return { page, failures };
}

const userNamed = (email: string) => t.dataSource.getRepository(User).findOneByOrFail({ email });
/** Waits until the panel shows `pathname` (its routes change the address without loading a page). */
const onPath = (page: Page, pathname: string) => page.waitForURL((address) => address.pathname === pathname, { waitUntil: 'commit' });
const ownPage = (id: number) => `/admin/resources/MyProfile/records/${id}/show`;
const headingTitle = (page: Page) => page.locator('[data-testid="action-heading-title"]');

const NOTICE = '[data-testid="notice-wrapper"] .adminjs_MessageBox';

/**
 * The notices shown, as [variant, text] (AdminJS's close button carries the variant as its
 * colour), once `count` are shown: a replaced notice leaves just after its successor arrives. If
 * that never happens, the notices as they are, for the assertion to show.
 */
async function notices(page: Page, count = 1): Promise<Array<[string | null, string]>> {
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length === n, [NOTICE, count] as const, { timeout: 5_000 }).catch(() => undefined);
  const shown: Array<[string | null, string]> = [];
  for (const box of await page.locator(NOTICE).all()) shown.push([await box.locator('button[color]').getAttribute('color'), (await box.innerText()).trim()]);
  return shown;
}

/** Waits for the notices to go (once the user is on another page). */
const noNoticeLeft = (page: Page) => page.locator('[data-testid="notice-wrapper"]').waitFor({ state: 'detached', timeout: 5_000 });

/** Runs a button-only record action of My profile and waits for its answer. */
async function clickAvailability(page: Page, action: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => /^\/admin\/api\/resources\/MyProfile\/records\/\d+\/(\w+)$/.exec(new URL(response.url()).pathname)?.[1] === action),
    page.click(`[data-testid="action-${action}"]`),
  ]);
}

/** Sets a user's availability as they would, through the panel's API (the audited way). */
async function setAvailability(email: string, password: string, availability: 'online' | 'busy' | 'offline'): Promise<void> {
  const me = await userNamed(email);
  const action = `go${availability[0]!.toUpperCase()}${availability.slice(1)}`;
  const response = await (await t.signIn(email, password)).get(`/admin/api/resources/MyProfile/records/${me.id}/${action}`).set('User-Agent', BROWSER_UA);
  expect(response.body.notice?.type).toBe('success');
}

const availabilityShown = (page: Page, value: string) => page.locator('[data-testid="property-show-availability"]', { hasText: value }).waitFor();

describe('My profile: changing one\'s own availability', () => {
  it.each(ROLES)('%s goes busy from My profile and stays on My profile, with exactly one success notice', async (_who, email, password) => {
    const me = await userNamed(email);
    const { page, failures } = await signedIn(email, password);
    await Promise.all([onPath(page, ownPage(me.id)), page.getByText('My profile', { exact: true }).click()]);
    await expect(headingTitle(page).innerText()).resolves.toBe(me.name);

    await clickAvailability(page, 'goBusy');
    await availabilityShown(page, 'busy');
    expect(new URL(page.url()).pathname).toBe(ownPage(me.id));
    await expect(headingTitle(page).innerText()).resolves.toBe(me.name);
    expect(await notices(page)).toEqual([['success', 'You are now busy.']]);
    await expect(page.locator('body').innerText()).resolves.not.toContain('{{');
    expect(failures).toEqual([]);
    expect((await userNamed(email)).availability).toBe('busy');
  });

  it.each(ROLES)('%s goes online from the row menu of the My profile list and lands on My profile, with one success notice', async (_who, email, password) => {
    const me = await userNamed(email);
    await setAvailability(email, password, 'busy');
    const { page, failures } = await signedIn(email, password);
    await page.goto(url('/admin/resources/MyProfile'));
    const row = page.locator('tbody tr').first();
    await row.locator('[data-testid="actions-dropdown"]').hover();
    await Promise.all([onPath(page, ownPage(me.id)), row.locator('[data-testid="action-goOnline"]').click()]);

    await availabilityShown(page, 'online');
    await expect(headingTitle(page).innerText()).resolves.toBe(me.name);
    expect(await notices(page)).toEqual([['success', 'You are now online.']]);
    await expect(page.locator('body').innerText()).resolves.not.toContain('{{');
    expect(failures).toEqual([]);
  });
});

describe('notices', () => {
  it('a newer notice replaces the one shown, and none follows the user to the next page', async () => {
    const me = await userNamed(AGENT_EMAIL);
    await setAvailability(AGENT_EMAIL, AGENT_PASSWORD, 'online');
    const { page } = await signedIn(AGENT_EMAIL, AGENT_PASSWORD);
    await page.goto(url(ownPage(me.id)));
    await clickAvailability(page, 'goBusy');
    await availabilityShown(page, 'busy');
    expect(await notices(page)).toEqual([['success', 'You are now busy.']]);
    await clickAvailability(page, 'goOffline');
    await availabilityShown(page, 'offline');
    expect(await notices(page)).toEqual([['success', 'You are now offline.']]);

    // Leaving by the menu: the next page shows no notice.
    await page.getByText('Chat Settings', { exact: true }).click();
    await Promise.all([onPath(page, '/admin/resources/Inbox'), page.locator('a[href="/admin/resources/Inbox"]').click()]);
    await expect(headingTitle(page).innerText()).resolves.toBe('Inboxes');
    await page.locator('tbody tr').first().waitFor();
    await noNoticeLeft(page);
  });

  it('a saved form\'s notice shows on the list it leads to, stays while the list reloads, and is gone from the next page', async () => {
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: 1 });
    const { page } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(url(`/admin/resources/Inbox/records/${inbox.id}/edit`));
    await page.fill('[data-testid="property-edit-greeting"] textarea', 'Hello from the rough-edges test');
    // AdminJS sends a saved record back to its list, with a reload flag it then takes out of the address.
    await Promise.all([onPath(page, '/admin/resources/Inbox'), page.click('[data-testid="button-save"]')]);
    await page.waitForURL((address) => address.pathname === '/admin/resources/Inbox' && !address.searchParams.has('refresh'), { waitUntil: 'commit' });
    await page.locator('tbody tr').first().waitFor();
    const shown = await notices(page);
    expect(shown).toHaveLength(1);
    expect(shown[0]![0]).toBe('success');

    await Promise.all([onPath(page, '/admin'), page.locator('.adminjs_Breadcrumbs a', { hasText: 'Dashboard' }).click()]);
    await page.locator('[data-testid="dashboard"]').waitFor();
    await noNoticeLeft(page);
  });
});

describe('headings', () => {
  it.each([
    ['User', 'Users'],
    ['Inbox', 'Inboxes'],
    ['Team', 'Teams'],
    ['Webhook', 'Webhooks'],
    ['AutomationRule', 'Automation Rules'],
    ['AuditLog', 'Audit Logs'],
  ])('the %s list is headed by the resource\'s name, %s', async (resourceId, heading) => {
    const { page } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(url(`/admin/resources/${resourceId}`));
    await expect(headingTitle(page).innerText()).resolves.toBe(heading);
    await expect(page.locator('.adminjs_ActionHeader h2').innerText()).resolves.not.toMatch(/^List/);
  });

  it('a record\'s page is headed by the record, its edit page by the action and the record', async () => {
    const alice = await userNamed(AGENT_EMAIL);
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: 1 });
    const { page } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(url(`/admin/resources/User/records/${alice.id}/show`));
    await expect(headingTitle(page).innerText()).resolves.toBe('Alice Martin');
    await page.goto(url(`/admin/resources/Inbox/records/${inbox.id}/show`));
    await expect(headingTitle(page).innerText()).resolves.toBe(inbox.name);
    await page.goto(url(`/admin/resources/Inbox/records/${inbox.id}/edit`));
    await expect(headingTitle(page).innerText()).resolves.toBe(`Edit: ${inbox.name}`);
    // A webhook has no name: its address heads its page.
    const webhook = await t.dataSource.getRepository(Webhook).findOneByOrFail({ id: 1 });
    await page.goto(url(`/admin/resources/Webhook/records/${webhook.id}/show`));
    await expect(headingTitle(page).innerText()).resolves.toBe(webhook.url);
  });
});

describe('action buttons', () => {
  let invitedId: number;
  beforeAll(async () => {
    const invited = await adminApi(await t.signIn()).create('User', { name: 'Ivy Invited', email: 'ivy.invited@acme.example', role: 'agent' });
    expect(invited.body.notice?.type).toBe('success');
    invitedId = Number(invited.body.record!.params.id);
  });

  // 1280 px: the width asked for (AdminJS folds its menu away there); 1360 px: the menu beside the page, as reported.
  it.each([1280, 1360])('on an invited user\'s page at %i px, the seven buttons wrap: none overlaps another or the heading, each is on screen and can be clicked', async (width) => {
    const id = invitedId;
    const viewport = { width, height: 800 };
    const { page } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD, viewport);
    await page.goto(url(`/admin/resources/User/records/${id}/show`));
    await page.locator('.adminjs_ActionHeader [data-testid="action-actorActivity"]').waitFor({ state: 'attached' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined)); // text widths final before measuring

    const buttons = page.locator('.adminjs_ActionHeader [data-testid^="action-"]:is(a, button)');
    const names = await buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
    expect(names).toEqual(['action-edit', 'action-delete', 'action-resendInvitation', 'action-revokeInvitation', 'action-makeAdministrator', 'action-auditHistory', 'action-actorActivity']);

    // The heading's text as drawn (a range, not its box: the old heading's box was narrower than its text).
    const heading = await page.locator('.adminjs_ActionHeader h2').evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const { left, top, right, bottom } = range.getBoundingClientRect();
      return { name: 'heading', left, top, right, bottom };
    });
    // Measured as the page first shows them, before anything scrolls.
    const boxes = [heading];
    for (const [index, name] of names.entries()) {
      const box = (await buttons.nth(index).boundingBox())!;
      boxes.push({ name: name!, left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height });
    }
    for (const box of boxes) {
      expect({ name: box.name, inside: box.left >= 0 && box.right <= viewport.width && box.top >= 0 && box.bottom <= viewport.height }).toEqual({ name: box.name, inside: true });
    }
    const overlaps = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.name} × ${b.name}`),
    );
    expect(overlaps).toEqual([]);
    for (const index of names.keys()) {
      await expect(buttons.nth(index).isVisible()).resolves.toBe(true);
      await buttons.nth(index).click({ trial: true }); // actionable: visible, enabled, not covered by anything
    }

    // The last button, off-screen before, does its job.
    await Promise.all([page.waitForURL(/\/admin\/resources\/AuditLog\?.*filters\.actorId=/, { waitUntil: 'commit' }), page.click('[data-testid="action-actorActivity"]')]);
  });
});

/** The menu's links to pages (not its group toggles), by name, sorted. */
const menuEntries = async (page: Page) => (await page.locator('[data-css="sidebar-resources"] a[href^="/admin/"]').allInnerTexts()).map((text) => text.trim()).sort();

describe('menu', () => {
  it('names resources in the plural and has no member menus; members are edited on the inbox\'s and the team\'s page', async () => {
    const { page } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByText('Chat Settings', { exact: true }).click();
    await page.locator('[data-css="sidebar-resources"] a[href="/admin/resources/Inbox"]').waitFor();
    expect(await menuEntries(page)).toEqual(['Account', 'Audit Deliveries', 'Audit Logs', 'Automation Rules', 'Inboxes', 'My profile', 'Teams', 'Users', 'Webhooks']);
    await expect(page.locator('a[href^="/admin/resources/InboxMember"], a[href^="/admin/resources/TeamMember"]').count()).resolves.toBe(0);

    for (const resourceId of ['Inbox', 'Team']) {
      await page.goto(url(`/admin/resources/${resourceId}/records/1/edit`));
      await expect(page.locator('[data-testid="property-edit-memberIds"] label').first().innerText()).resolves.toBe('Agents');
    }
  });

  it('an agent sees the plural names too', async () => {
    const { page } = await signedIn(AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByText('Chat Settings', { exact: true }).click();
    await page.locator('[data-css="sidebar-resources"] a[href="/admin/resources/Inbox"]').waitFor();
    expect(await menuEntries(page)).toEqual(['Inboxes', 'My profile', 'Teams']);
  });
});

describe('what the pages load', () => {
  it('every request a page makes goes to the app itself: Roboto comes from the app, and so does the favicon the pages declare', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.push(context);
    const requested: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    // A Roboto face the page has loaded (from the stylesheet that declared it: the app's, when nothing else is asked).
    const robotoLoaded = () =>
      page.waitForFunction(() => {
        let loaded = false;
        document.fonts.forEach((font) => {
          if (font.family.replace(/["']/g, '') === 'Roboto' && font.status === 'loaded') loaded = true;
        });
        return loaded;
      });

    await page.goto(url('/admin/login'));
    await expect(page.locator('link[rel~="icon"]').getAttribute('href')).resolves.toBe('/favicon.ico');
    await robotoLoaded();
    await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.locator('[data-testid="dashboard"]').waitFor();
    await expect(page.locator('link[rel~="icon"]').getAttribute('href')).resolves.toBe('/favicon.ico');
    await robotoLoaded();
    await page.goto(url('/admin/resources/User'));
    await page.locator('tbody tr').first().waitFor();
    await page.goto(url('/admin/resources/User/records/1/show'));
    await headingTitle(page).waitFor();
    await robotoLoaded();

    const elsewhere = requested.filter((address) => new URL(address).origin !== http.baseUrl);
    expect(elsewhere).toEqual([]);
    expect(requested.some((address) => /\/static\/fonts\/roboto\/files\/roboto-latin-400-normal\.woff2$/.test(address))).toBe(true);

    const favicon = await page.request.get(url('/favicon.ico'));
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/^image\//);
    expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an .ico file's header
    const invitationPage = await page.request.get(url('/invitations/not-a-real-token'));
    expect(await invitationPage.text()).toContain('<link rel="icon" type="image/x-icon" href="/favicon.ico">');
  });

  it('the HTML of the panel and sign-in pages names no font service', async () => {
    const agent = await t.signIn();
    for (const path of ['/admin', '/admin/resources/User']) {
      const response = await agent.get(path);
      expect(response.status).toBe(200);
      expect(response.text).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
      expect(response.text).toContain('/static/fonts/roboto/400.css');
    }
    const login = await request(t.app).get('/admin/login');
    expect(login.text).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
    expect(login.text).toContain('/static/fonts/roboto/400.css');
  });
});

// Last: it adds a second account, which the tests above do not expect.
describe('accounts', () => {
  it('Account settings explain the audit retention field with this deployment\'s figures', async () => {
    const account = await t.dataSource.getRepository(Account).findOneByOrFail({});
    const { page, failures } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(url(`/admin/resources/Account/records/${account.id}/edit`));
    const field = page.locator('[data-testid="property-edit-auditRetentionDays"]');
    await expect(field.locator('label').innerText()).resolves.toContain('Audit log retention (days)');
    await field.locator('label svg').hover();
    // The whole help, inside the window (a long one ran off its left edge).
    const help = page.getByText('Empty: the deployment default, 365 days. Otherwise 30 to 3650 days.', { exact: true });
    await help.waitFor();
    const box = (await help.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 1360).toBe(true);
    expect(failures).toEqual([]);
  });

  it('an administrator of another account who tries to rename a person shared with it is told why under the field, and nothing changes', async () => {
    await betaAccount(t);
    const ada = await userNamed(ADMIN_EMAIL);
    const added = await adminApi(await t.signIn(BEA.email, BEA.password)).create('User', { name: ada.name, email: ada.email, role: 'agent' });
    expect(added.body.notice?.type).toBe('success');
    const { page } = await signedIn(BEA.email, BEA.password);
    await page.goto(url(`/admin/resources/User/records/${ada.id}/edit`));
    const name = page.locator('[data-testid="property-edit-name"]');
    await name.locator('input').fill('Renamed from Beta');
    await page.locator('[data-testid="button-save"]').click();
    await expect(name.getByText('This person also belongs to another account', { exact: false }).innerText()).resolves.toContain('cannot be changed from this account');
    expect((await userNamed(ADMIN_EMAIL)).name).toBe(ada.name);
  });
});
