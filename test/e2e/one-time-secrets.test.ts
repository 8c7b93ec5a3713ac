// One-time secrets in a real browser (Debian's Chromium through playwright-core): the invitation
// link (after inviting, after "Resend invitation") and a new webhook's signing secret are shown
// in a dialog that outlives the toast and stays until dismissed, with a copy button that puts the
// exact secret on the clipboard; the link works; and neither the audit log nor any later page
// holds the secret. Also: webhooks' subscribed events read as a list, and the invite form shows
// only the fields an invitation uses.
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { freshBundleDir } from './bundle-dir.js';
import { signedInBrowser, type SignedInBrowser } from './browser.js';

freshBundleDir(); // before anything imports adminjs (see bundle-dir.ts)
const { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp } = await import('../helpers/test-app.js');
const { User, Webhook } = await import('../../src/entities/index.js');
const { OneTimeSecretComponent } = await import('../../src/admin/components/OneTimeSecretComponents.js');
const { WebhookComponent } = await import('../../src/admin/components/WebhookComponents.js');

// The first page bundles the custom components (a few seconds); the rest is fast.
jest.setTimeout(120_000);

let t: Awaited<ReturnType<typeof startTestApp>>;
let session: SignedInBrowser;
let page: Page;
/** The link the invitation gave; resending must kill it. */
let firstLink = '';

beforeAll(async () => {
  t = await startTestApp();
  // The copy button writes with the Clipboard API; the test reads the clipboard back.
  session = await signedInBrowser(t.app, ADMIN_EMAIL, ADMIN_PASSWORD, { clipboard: true });
  page = session.page;
});
afterAll(async () => {
  await session?.close();
  await t?.close();
});

const url = (path: string) => `${session.baseUrl}${path}`;
const dialog = () => page.locator('[data-testid="one-time-secret-dialog"]');
const toast = () => page.locator('[data-testid="notice-wrapper"]');

/** Every audit entry, as stored, in one string: to show a secret is nowhere in the log. */
const wholeLog = async () => JSON.stringify(await t.entries());

/**
 * The dialog is a modal that outlives the toast: AdminJS drops a notice after a few seconds, so
 * waiting for the toast to go (rather than for a fixed time) shows the dialog has no such timer.
 */
async function expectDialogOutlivesToast(secret: string): Promise<void> {
  await dialog().waitFor();
  await expect(page.locator('[role="dialog"][aria-modal="true"][data-testid="one-time-secret-dialog"]').count()).resolves.toBe(1);
  await expect(toast().innerText()).resolves.toMatch(/shown only once/);
  await expect(toast().innerText()).resolves.not.toContain(secret);
  await toast().waitFor({ state: 'detached', timeout: 20_000 });
  await expect(dialog().isVisible()).resolves.toBe(true);
  // Nor does a click beside it or Escape close it: only its button does.
  await page.mouse.click(5, 5);
  await page.keyboard.press('Escape');
  await expect(dialog().isVisible()).resolves.toBe(true);
  await expect(page.locator('[data-testid="one-time-secret-value"]').inputValue()).resolves.toBe(secret);
}

/** Copies with the dialog's button and returns what landed on the clipboard. */
async function copyWithButton(): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await page.click('[data-testid="one-time-secret-copy"]');
  await page.locator('[data-testid="one-time-secret-copy"]', { hasText: 'Copied' }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens `link` as the invitee would: a browser of their own, no admin session. */
async function inviteePageTitle(link: string): Promise<string> {
  const invitee = await session.browser.newContext();
  try {
    const invitePage = await invitee.newPage();
    const response = await invitePage.goto(link.replace(/^https?:\/\/[^/]+/, session.baseUrl));
    expect(response?.status()).toBe(200);
    return await invitePage.locator('h1').innerText();
  } finally {
    await invitee.close();
  }
}

describe('one-time secrets in the panel', () => {
  it('the app registers the dialog views on its component loader and has the Webhook texts in its locale', async () => {
    const registered = Object.keys(t.audit.componentLoader.getComponents());
    expect(registered).toEqual(expect.arrayContaining([OneTimeSecretComponent.newForm, OneTimeSecretComponent.recordAction, WebhookComponent.eventList]));
    // The panel's page carries its translations (window.REDUX_STATE).
    const panel = await (await t.signIn()).get('/admin').set('User-Agent', 'Mozilla/5.0');
    expect(panel.text).toContain('signingSecretExplanation');
    expect(panel.text).toContain('invitationLinkExplanation');
  });

  it('the invite form shows only the fields an invitation uses', async () => {
    await page.goto(url('/admin/resources/User/actions/new'));
    await page.locator('[data-testid="property-edit-name"]').waitFor();
    for (const field of ['name', 'displayName', 'email', 'role', 'inboxIds', 'teamIds']) {
      await expect(page.locator(`[data-testid="property-edit-${field}"]`).count()).resolves.toBe(1);
    }
    for (const field of ['availability', 'status']) {
      await expect(page.locator(`[data-testid="property-edit-${field}"]`).count()).resolves.toBe(0);
    }
    const form = page.locator('[data-testid="one-time-secret-new-form"]');
    await expect(form.getByText('Availability').count()).resolves.toBe(0);
    await expect(form.getByText('Status').count()).resolves.toBe(0);
  });

  it('inviting shows the link in a dialog that stays, copies it exactly, and the link opens the invitation', async () => {
    await page.goto(url('/admin/resources/User/actions/new'));
    await page.fill('[data-testid="property-edit-name"] input', 'Olga Brandt');
    await page.fill('[data-testid="property-edit-email"] input', 'olga@acme.example');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/resources/User/actions/new') && r.request().method() === 'POST'),
      page.click('[data-testid="button-save"]'),
    ]);
    const link = ((await response.json()) as { oneTimeSecret: { value: string } }).oneTimeSecret.value;
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}$/);
    firstLink = link;

    await expectDialogOutlivesToast(link);
    await expect(dialog().innerText()).resolves.toContain('Invitation link for olga@acme.example');
    await expect(page.locator('[data-testid="one-time-secret-explanation"]').innerText()).resolves.toMatch(/shown only once/);
    await expect(copyWithButton()).resolves.toBe(link);
    await expect(inviteePageTitle(link)).resolves.toBe('Join MessageHub');

    await Promise.all([page.waitForURL(/\/admin\/resources\/User(\?|$)/), page.click('[data-testid="one-time-secret-dismiss"]')]);
    await expect(dialog().count()).resolves.toBe(0);
    const olga = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'olga@acme.example' });
    expect(olga.status).toBe('invited');
    const token = link.split('/').pop()!;
    expect(await wholeLog()).not.toContain(token);
    await expect(page.content()).resolves.not.toContain(token);
    await page.goto(url(`/admin/resources/User/records/${olga.id}/show`));
    await page.locator('[data-testid="property-show-email"]').waitFor();
    await expect(page.content()).resolves.not.toContain(token);
  });

  it('"Resend invitation" asks first, then shows the new link in the same dialog; the old link stops working', async () => {
    const users = t.dataSource.getRepository(User);
    const olga = await users.findOneByOrFail({ email: 'olga@acme.example' });
    await page.goto(url(`/admin/resources/User/records/${olga.id}/show`));
    await Promise.all([page.waitForURL(/\/resendInvitation/), page.click('[data-testid="action-resendInvitation"]')]);
    await page.locator('[data-testid="one-time-secret-action"]').waitFor();
    await expect(page.locator('[data-testid="one-time-secret-action"]').innerText()).resolves.toContain('Send Olga Brandt (olga@acme.example) a new invitation link?');
    // Opening the page changed nothing.
    expect((await users.findOneByOrFail({ id: olga.id })).invitationTokenHash).toBe(olga.invitationTokenHash);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/resources/User/records/${olga.id}/resendInvitation`) && r.request().method() === 'POST'),
      page.click('[data-testid="one-time-secret-run"]'),
    ]);
    const link = ((await response.json()) as { oneTimeSecret: { value: string } }).oneTimeSecret.value;
    expect((await users.findOneByOrFail({ id: olga.id })).invitationTokenHash).not.toBe(olga.invitationTokenHash);

    await expectDialogOutlivesToast(link);
    await expect(copyWithButton()).resolves.toBe(link);
    await expect(inviteePageTitle(link)).resolves.toBe('Join MessageHub');
    const oldLink = await page.request.get(firstLink.replace(/^https?:\/\/[^/]+/, session.baseUrl));
    expect(oldLink.status()).toBe(404);

    await Promise.all([page.waitForURL(new RegExp(`/admin/resources/User/records/${olga.id}/show`)), page.click('[data-testid="one-time-secret-dismiss"]')]);
    await expect(dialog().count()).resolves.toBe(0);
    await page.locator('[data-testid="property-show-email"]').waitFor();
    const token = link.split('/').pop()!;
    await expect(page.content()).resolves.not.toContain(token);
    expect(await wholeLog()).not.toContain(token);
    expect((await t.entries('user.invitation_resent'))[0]).toMatchObject({ targetId: String(olga.id) });
  });

  it('creating a webhook shows its signing secret in the dialog, copies it exactly, and shows it nowhere after', async () => {
    await page.goto(url('/admin/resources/Webhook/actions/new'));
    await page.fill('[data-testid="property-edit-url"] input', 'https://hooks.example.org/e2e');
    await page.click('[data-testid="subscribedEvents-add"]');
    await page.click('[data-testid="property-edit-subscribedEvents.0"] .adminjs_Select');
    await page.keyboard.type('message_created');
    await page.keyboard.press('Enter');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/resources/Webhook/actions/new') && r.request().method() === 'POST'),
      page.click('[data-testid="button-save"]'),
    ]);
    const body = (await response.json()) as { oneTimeSecret: { value: string }; record: { params: { id: number } } };
    const stored = await t.dataSource.getRepository(Webhook).findOneByOrFail({ id: body.record.params.id });
    expect(stored.subscribedEvents).toEqual(['message_created']);
    const secret = stored.signingSecret;
    expect(body.oneTimeSecret.value).toBe(secret);

    await expectDialogOutlivesToast(secret);
    await expect(dialog().innerText()).resolves.toContain('Signing secret of the webhook to https://hooks.example.org/e2e');
    await expect(page.locator('[data-testid="one-time-secret-explanation"]').innerText()).resolves.toMatch(/shown only once/);
    await expect(copyWithButton()).resolves.toBe(secret);

    await Promise.all([page.waitForURL(/\/admin\/resources\/Webhook(\?|$)/), page.click('[data-testid="one-time-secret-dismiss"]')]);
    await expect(dialog().count()).resolves.toBe(0);
    await page.locator('[data-testid="property-list-subscribedEvents"]').first().waitFor();
    await expect(page.content()).resolves.not.toContain(secret);
    await page.goto(url(`/admin/resources/Webhook/records/${stored.id}/show`));
    await page.locator('[data-testid="property-show-subscribedEvents"]').waitFor();
    await expect(page.content()).resolves.not.toContain(secret);
    expect(await wholeLog()).not.toContain(secret);
    expect((await t.entries('webhook.created'))[0]).toMatchObject({ targetId: String(stored.id) });
  });

  it('lists and shows subscribed events by name, not as "Length: 2"', async () => {
    await page.goto(url('/admin/resources/Webhook'));
    const cells = page.locator('[data-testid="property-list-subscribedEvents"]');
    await cells.first().waitFor();
    const texts = await cells.allInnerTexts();
    expect(texts.join('\n')).not.toMatch(/Length/);
    const seeded = await t.dataSource.getRepository(Webhook).findOneByOrFail({ url: 'https://hooks.acme.example/messagehub' });
    const row = page.locator('tr', { has: page.getByText(seeded.url) });
    await expect(row.locator('[data-testid="webhook-event"]').allInnerTexts()).resolves.toEqual(['Conversation created', 'Conversation resolved']);

    await page.goto(url(`/admin/resources/Webhook/records/${seeded.id}/show`));
    const shown = page.locator('[data-testid="property-show-subscribedEvents"]');
    await shown.waitFor();
    await expect(shown.locator('[data-testid="webhook-event"]').allInnerTexts()).resolves.toEqual(['Conversation created', 'Conversation resolved']);
    await expect(shown.innerText()).resolves.not.toMatch(/Length/);
  });
});
