// Markup typed into a name is shown as text in the Audit Logs list, in a real browser (Debian's
// Chromium): each sentence reads literally, and nothing in it runs. The summary's numbers are
// counted from what happened (names sent and acknowledged vs entries in audit_logs, what the page
// shows, what ran) and recorded before the assertions, so a failure still reports them.
import { launchChromium, listen, signInThroughForm } from '../e2e/browser.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportThenAssert } from './summary.js';

const PAYLOADS = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload="window.__xss=3">'];
const PAGE_BUDGET_MS = 120_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('shows markup in names as text on the Audit Logs list, and runs none of it', async () => {
  const admin = adminApi(await t.signIn());
  const acknowledged: string[] = [];
  for (const name of PAYLOADS) if ((await admin.create('Inbox', { name, channelType: 'email' })).body.notice?.type === 'success') acknowledged.push(name);
  const entries = (await t.entries('inbox.created')).filter((entry) => PAYLOADS.includes(entry.targetLabel ?? ''));
  const recorded = new Set(entries.map((entry) => entry.targetLabel));
  const lost = acknowledged.filter((name) => !recorded.has(name));

  const dialogs: string[] = [];
  const notShown: string[] = [];
  let shownLiterally: string[] = [];
  let ran: unknown;
  let browserError: string | null = null;
  const http = await listen(t.app);
  try {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signInThroughForm(page, http.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.goto(`${http.baseUrl}/admin/resources/AuditLog?filters.action=inbox.created`);
      const deadline = Date.now() + PAGE_BUDGET_MS;
      for (const entry of entries) {
        await page
          .getByText(entry.sentence, { exact: false })
          .first()
          .waitFor({ timeout: Math.max(1_000, deadline - Date.now()) })
          .catch(() => notShown.push(entry.sentence));
      }
      // The list shows each sentence as its literal text; the payloads are in the page as text nodes.
      const listed = await page.locator('body').innerText();
      shownLiterally = PAYLOADS.filter((name) => listed.includes(name));
      ran = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    } finally {
      await browser.close();
    }
  } catch (error) {
    browserError = (error as Error).message.split('\n')[0]!;
  } finally {
    await http.close();
  }

  await reportThenAssert(
    '5-xss',
    {
      heading: 'markup shown as text (Chromium)',
      lines: [
        `${PAYLOADS.length} names with <img onerror>, <script>, <svg onload> sent: ${acknowledged.length} acknowledged, ${entries.length} entries in audit_logs`,
        browserError
          ? `the browser check did not finish: ${browserError}`
          : `${shownLiterally.length} of ${PAYLOADS.length} read literally on the Audit Logs list, ${notShown.length} sentences not shown; ${ran === undefined ? 'none ran' : `window.__xss = ${String(ran)}`}, ${dialogs.length} dialogs`,
      ],
      entriesLost: lost.length,
      badInputs: PAYLOADS.length,
    },
    () => {
      expect(acknowledged).toEqual(PAYLOADS);
      expect(lost).toEqual([]);
      expect(entries).toHaveLength(PAYLOADS.length);
      expect(browserError).toBeNull();
      expect(notShown).toEqual([]);
      expect(shownLiterally).toEqual(PAYLOADS);
      expect(ran).toBeUndefined();
      expect(dialogs).toEqual([]);
    },
  );
}, 240_000);
