// My profile → API tokens in a real browser (Debian's Chromium through playwright-core): an
// administrator makes a token, which is shown once in the one-time secret dialog (Copy button,
// stays until dismissed) and reads the log through /api/v1; the list shows its first characters
// only; a refused name loses nothing typed; revoking asks first and then the token stops working.
// An agent's My profile has no such action, and its address shows them nothing.
import { jest } from '@jest/globals';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { freshBundleDir } from './bundle-dir.js';
import { signedInBrowser, signInThroughForm, type SignedInBrowser } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, startTestApp } = await import('../helpers/test-app.js');
const { AuditApiToken } = await import('@hashtrail/adminjs-audit');
const { User } = await import('../../src/entities/index.js');
const { ApiTokensComponent } = await import('../../src/admin/components/ApiTokensComponents.js');

// The first page bundles the custom components (a few seconds, more on a busy machine).
jest.setTimeout(180_000);

let t: Awaited<ReturnType<typeof startTestApp>>;
let session: SignedInBrowser;
let page: Page;
let adminId: number;
/** The token the panel made, once the test that makes it has run. */
let token = '';

beforeAll(async () => {
  t = await startTestApp();
  // The copy button writes with the Clipboard API; the test reads the clipboard back.
  session = await signedInBrowser(t.app, ADMIN_EMAIL, ADMIN_PASSWORD, { clipboard: true });
  page = session.page;
  adminId = (await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id;
});
afterAll(async () => {
  await session?.close();
  await t?.close();
});

const url = (path: string) => `${session.baseUrl}${path}`;
const dialog = () => page.locator('[data-testid="one-time-secret-dialog"]');
const toast = () => page.locator('[data-testid="notice-wrapper"]');
const rows = () => page.locator('[data-testid="api-token-row"]');
const readLog = (bearer: string) => request(t.app).get('/api/v1/audit_logs').set('Authorization', `Bearer ${bearer}`);
const storedToken = (name: string) => t.dataSource.getRepository(AuditApiToken).findOneByOrFail({ name });

/** My profile → API tokens, opened from the profile's action button, once its list has loaded. */
async function openApiTokens(): Promise<void> {
  await page.goto(url(`/admin/resources/MyProfile/records/${adminId}/show`));
  await Promise.all([page.waitForURL(/\/apiTokens$/), page.click('[data-testid="action-apiTokens"]')]);
  await page.locator('[data-testid="api-token-form"]').waitFor();
}

describe('API tokens on My profile', () => {
  it('the app registers the page on its component loader', () => {
    expect(Object.keys(t.audit.componentLoader.getComponents())).toContain(ApiTokensComponent.page);
  });

  it('keeps what was typed when the name is refused', async () => {
    await openApiTokens();
    await expect(page.locator('[data-testid="api-token-list-empty"]').innerText()).resolves.toBe('You have no API tokens yet.');
    await page.click('label[for="api-token-lifetime-never"]');
    await page.fill('[data-testid="api-token-name"]', '   ');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/MyProfile/records/${adminId}/apiTokens`) && r.request().method() === 'POST'),
      page.click('[data-testid="api-token-create"]'),
    ]);
    expect(((await response.json()) as { notice: { type: string } }).notice.type).toBe('error');
    await toast().filter({ hasText: 'Give the token a name of 1 to 100 characters, on one line.' }).waitFor();
    await expect(page.locator('[data-testid="api-token-name"]').inputValue()).resolves.toBe('   ');
    await expect(page.locator('[data-testid="api-token-lifetime-never"]').isChecked()).resolves.toBe(true);
    await expect(dialog().count()).resolves.toBe(0);
    expect(await t.dataSource.getRepository(AuditApiToken).count()).toBe(0);
  });

  it('makes a token shown once in a dialog that stays until dismissed, with a Copy button; the list shows its first characters only', async () => {
    await page.fill('[data-testid="api-token-name"]', 'SIEM export');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/MyProfile/records/${adminId}/apiTokens`) && r.request().method() === 'POST'),
      page.click('[data-testid="api-token-create"]'),
    ]);
    token = ((await response.json()) as { oneTimeSecret: { value: string } }).oneTimeSecret.value;
    expect(token).toMatch(/^hta_/);

    await dialog().waitFor();
    await expect(dialog().innerText()).resolves.toContain('API token "SIEM export"');
    await expect(page.locator('[data-testid="one-time-secret-explanation"]').innerText()).resolves.toMatch(/shown only once/);
    await expect(page.locator('[data-testid="one-time-secret-value"]').inputValue()).resolves.toBe(token);
    // The toast goes (AdminJS drops it), the dialog stays; nor does a click beside it or Escape close it.
    await expect(toast().innerText()).resolves.toContain('Token "SIEM export" made.');
    await expect(toast().innerText()).resolves.not.toContain(token);
    await toast().waitFor({ state: 'detached', timeout: 30_000 });
    await page.mouse.click(5, 5);
    await page.keyboard.press('Escape');
    await expect(dialog().isVisible()).resolves.toBe(true);

    await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    await page.click('[data-testid="one-time-secret-copy"]');
    await page.locator('[data-testid="one-time-secret-copy"]', { hasText: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(token);

    await page.click('[data-testid="one-time-secret-dismiss"]');
    await dialog().waitFor({ state: 'detached' });
    // The form is empty again, and the list has the token by its first characters.
    await expect(page.locator('[data-testid="api-token-name"]').inputValue()).resolves.toBe('');
    await expect(rows().count()).resolves.toBe(1);
    await expect(rows().first().locator('[data-testid="api-token-hint"]').innerText()).resolves.toBe(`${token.slice(0, 8)}…`);
    await expect(rows().first().locator('[data-testid="api-token-state"]').innerText()).resolves.toBe('Active');
    await expect(page.content()).resolves.not.toContain(token);

    expect((await readLog(token)).status).toBe(200);
    const [created] = await t.entries('api_token.created');
    expect(created).toMatchObject({ targetLabel: 'SIEM export', actorId: String(adminId), ip: '127.0.0.1' });
  });

  it('never shows the token again: a new visit lists its first characters only', async () => {
    await openApiTokens();
    await rows().first().waitFor();
    await expect(rows().first().locator('[data-testid="api-token-name-cell"]').innerText()).resolves.toBe('SIEM export');
    await expect(page.content()).resolves.not.toContain(token);
    await expect(dialog().count()).resolves.toBe(0);
  });

  it('revokes a token only once confirmed; then it is listed as revoked and stops working', async () => {
    const row = rows().filter({ hasText: 'SIEM export' });
    await row.locator('[data-testid="api-token-revoke"]').click();
    const confirm = page.locator('[data-testid="api-token-revoke-dialog"]');
    await confirm.waitFor();
    await expect(confirm.innerText()).resolves.toContain('Revoke the token "SIEM export"?');
    // Asking changed nothing; cancelling neither.
    expect((await storedToken('SIEM export')).revokedAt).toBeNull();
    await page.click('[data-testid="api-token-revoke-cancel"]');
    await confirm.waitFor({ state: 'detached' });
    expect((await storedToken('SIEM export')).revokedAt).toBeNull();
    expect((await readLog(token)).status).toBe(200);

    await row.locator('[data-testid="api-token-revoke"]').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/MyProfile/records/${adminId}/apiTokens`) && r.request().method() === 'POST'),
      page.click('[data-testid="api-token-revoke-confirm"]'),
    ]);
    expect(((await response.json()) as { notice: { type: string } }).notice.type).toBe('success');
    await confirm.waitFor({ state: 'detached' });
    await row.locator('[data-testid="api-token-state"]', { hasText: 'Revoked' }).waitFor();
    await expect(row.locator('[data-testid="api-token-revoke"]').count()).resolves.toBe(0);
    await toast().filter({ hasText: 'Token "SIEM export" revoked' }).waitFor();

    expect((await readLog(token)).status).toBe(401);
    const [revoked] = await t.entries('api_token.revoked');
    expect(revoked).toMatchObject({ targetLabel: 'SIEM export', actorId: String(adminId), ip: '127.0.0.1' });
  });

  it("an agent's My profile has no API tokens action, and its address shows them nothing", async () => {
    const agentContext = await session.browser.newContext({ viewport: { width: 1360, height: 900 } });
    try {
      const agentPage = await agentContext.newPage();
      await signInThroughForm(agentPage, session.baseUrl, AGENT_EMAIL, AGENT_PASSWORD);
      const agentId = (await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL })).id;
      await agentPage.goto(url(`/admin/resources/MyProfile/records/${agentId}/show`));
      // The profile's other actions are there: the header has rendered.
      await agentPage.locator('[data-testid="action-chooseLanguage"]').waitFor();
      await expect(agentPage.locator('[data-testid="action-apiTokens"]').count()).resolves.toBe(0);

      // Typed in: the page asks the action for the list, and is refused (403); AdminJS says so.
      const [refused] = await Promise.all([
        agentPage.waitForResponse((r) => r.url().endsWith(`/api/resources/MyProfile/records/${agentId}/apiTokens`)),
        agentPage.goto(url(`/admin/resources/MyProfile/records/${agentId}/apiTokens`)),
      ]);
      expect(refused.status()).toBe(403);
      await agentPage.getByText(/not authorized to use it/).waitFor();
      await expect(agentPage.locator('[data-testid="api-tokens"]').count()).resolves.toBe(0);
      await expect(agentPage.locator('[data-testid="api-token-form"]').count()).resolves.toBe(0);
    } finally {
      await agentContext.close();
    }
  });
});
