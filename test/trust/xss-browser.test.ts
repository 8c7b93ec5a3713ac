// Markup typed into a name is shown as text in the Audit Logs list, in a real browser (Debian's
// Chromium): each sentence reads literally, and nothing in it runs.
import { launchChromium, listen, signInThroughForm } from '../e2e/browser.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportToSummary } from './summary.js';

const PAYLOADS = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload="window.__xss=3">'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('shows markup in names as text on the Audit Logs list, and runs none of it', async () => {
  const admin = adminApi(await t.signIn());
  for (const name of PAYLOADS) expect((await admin.create('Inbox', { name, channelType: 'email' })).body.notice?.type).toBe('success');
  const entries = (await t.entries('inbox.created')).filter((entry) => PAYLOADS.includes(entry.targetLabel ?? ''));
  expect(entries).toHaveLength(PAYLOADS.length);

  const http = await listen(t.app);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${http.baseUrl}/admin/resources/AuditLog?filters.action=inbox.created`);
    for (const entry of entries) await page.getByText(entry.sentence, { exact: false }).first().waitFor({ timeout: 120_000 });
    // The list shows each sentence as its literal text; the payloads are in the page as text nodes.
    const listed = await page.locator('body').innerText();
    for (const name of PAYLOADS) expect(listed).toContain(name);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  } finally {
    await browser.close();
    await http.close();
  }
  reportToSummary('5-xss', {
    heading: 'markup shown as text (Chromium)',
    lines: [`${PAYLOADS.length} names with <img onerror>, <script>, <svg onload>: read literally on the Audit Logs list, none ran`],
    entriesLost: 0,
    badInputs: PAYLOADS.length,
  });
}, 240_000);
