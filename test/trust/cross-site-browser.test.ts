// Another origin cannot make a signed-in administrator's browser export the log or sign out, in a
// real browser (Debian's Chromium): a page on a second port of localhost (same site, other origin,
// so the session cookie rides along) loads <img src=…/admin/logout> and navigates to the export.
// No file is downloaded, the session still works, and nothing is written.
import express from 'express';
import { launchChromium, listen, signInThroughForm } from '../e2e/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportThenAssert } from './summary.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const count = async (actions: string[]) =>
  Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = ANY($1)`, [actions]))[0].n);

it('refuses an export and a sign-out started by another origin, in Chromium', async () => {
  // What the server answered, seen from the server (the browser may hide a blocked image's answer).
  const answers: Array<[string, number]> = [];
  const front = express();
  front.use((req, res, next) => {
    // 'close', not 'finish': the browser drops the blocked image's connection as the answer arrives.
    res.once('close', () => answers.push([req.originalUrl, res.statusCode]));
    next();
  });
  front.use(t.app);
  const panel = await listen(front);
  const exportUrl = `${panel.baseUrl}/admin/audit-logs/export?format=csv`;
  const attacker = express();
  attacker.get('/attack.html', (_req, res) => {
    res.type('html').send(`<!doctype html><html><body>
<img id="logout" src="${panel.baseUrl}/admin/logout" onload="window.__img='load'" onerror="window.__img='error'">
<a id="go" href="${exportUrl}">Download a report</a></body></html>`);
  });
  const other = await listen(attacker);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInThroughForm(page, panel.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const before = await count(['audit_log.export_started', 'audit_log.exported', 'session.signed_out']);

    const downloads: string[] = [];
    context.on('page', (opened) => opened.on('download', (download) => downloads.push(download.url())));
    const victim = await context.newPage();
    victim.on('download', (download) => downloads.push(download.url()));
    answers.length = 0;
    await victim.goto(`${other.baseUrl}/attack.html`);
    // The image request has been answered (an error: the answer is no image), then the link is followed.
    const image = await victim.waitForFunction(() => (window as unknown as { __img?: string }).__img, undefined, { timeout: 30_000 });
    const imageOutcome = await image.jsonValue();
    await victim.click('#go');
    await victim.waitForURL((url) => !url.href.endsWith('/attack.html'), { timeout: 30_000, waitUntil: 'commit' });
    await victim.waitForLoadState('domcontentloaded');
    await victim.waitForTimeout(1_000); // time for a download to start, if one were going to
    const shown = await victim.locator('body').innerText();
    const landedOn = victim.url().replace(panel.baseUrl, '');

    // The session still works: the panel's API answers the administrator.
    const api = await page.request.get(`${panel.baseUrl}/admin/api/resources/Inbox/actions/list`);
    const listed = (await api.json()) as { records?: unknown[] };
    const after = await count(['audit_log.export_started', 'audit_log.exported', 'session.signed_out']);
    const attackAnswers = answers.filter(([url]) => url.startsWith('/admin/logout') || url.startsWith('/admin/audit-logs/export'));
    const attackDownloads = [...downloads];
    const seen = answers.map(([url, status]) => `${url.split('?')[0]} ${status}`).join(', ');

    // Control: the same browser typing the export's address downloads the file.
    const own = await context.newPage();
    const [download] = await Promise.all([own.waitForEvent('download', { timeout: 30_000 }), own.goto(exportUrl).catch(() => undefined)]);

    await reportThenAssert(
      '9-cross-site-browser',
      {
        heading: 'cross-site triggers refused (Chromium)',
        lines: [
          `a page on ${other.baseUrl} loading <img src=/admin/logout> and navigating to the export: ${attackAnswers.map(([url, status]) => `${url.split('?')[0]} ${status}`).join(', ')}; image ${imageOutcome}; the tab shows ${landedOn}; ${attackDownloads.length} downloads, session kept, ${after - before} entries written`,
          `control: the export typed in the same browser downloads ${download.suggestedFilename().replace(/\d/g, '#')}`,
        ],
        entriesLost: 0,
        badInputs: 2,
      },
      () => {
        expect([seen, attackAnswers]).toEqual([seen, [['/admin/logout', 403], ['/admin/audit-logs/export?format=csv', 403]]]);
        expect(shown).toMatch(/Refused/);
        expect(attackDownloads).toEqual([]);
        expect(api.status()).toBe(200);
        expect(listed.records?.length).toBeGreaterThan(0);
        expect(after).toBe(before);
        expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
      },
    );
  } finally {
    await browser.close();
    await other.close();
    await panel.close();
  }
}, 240_000);
