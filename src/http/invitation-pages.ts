// The invitee's pages: a small form to choose a password, and clear answers for links that no
// longer work. Server-rendered, no script, nothing from the panel's bundle.
import { FAVICON_PATH } from '../admin/branding.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · MessageHub</title>
<link rel="icon" type="image/x-icon" href="${FAVICON_PATH}">
<style>
  body { font-family: system-ui, sans-serif; background: #f4f6fb; color: #1c1c38; margin: 0; }
  main { max-width: 420px; margin: 10vh auto; background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 22px; margin-top: 0; }
  label { display: block; margin-top: 16px; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: 8px; margin-top: 4px; font-size: 16px; }
  .error { color: #c20012; margin: 4px 0 0; }
  button, .button { margin-top: 24px; padding: 10px 16px; background: #4268f6; color: #fff; border: 0; border-radius: 4px; font-size: 16px; text-decoration: none; display: inline-block; }
</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

const signInLink = (loginPath: string) => `<a class="button" href="${escapeHtml(loginPath)}">Go to sign-in</a>`;

export interface JoinFormValues {
  name: string;
  email: string;
  minLength: number;
  problems?: Record<string, string>;
}

export function joinForm({ name, email, minLength, problems = {} }: JoinFormValues): string {
  const problem = (field: string) => (problems[field] ? `<p class="error" id="${field}-error">${escapeHtml(problems[field]!)}</p>` : '');
  return page(
    'Join MessageHub',
    `<p>Welcome, ${escapeHtml(name)}. Choose a password for <strong>${escapeHtml(email)}</strong>.</p>
<form method="post" autocomplete="off">
  <label for="password">Password (at least ${minLength} characters)</label>
  <input id="password" name="password" type="password" required minlength="${minLength}" autocomplete="new-password">
  ${problem('password')}
  <label for="confirmation">Password again</label>
  <input id="confirmation" name="confirmation" type="password" required autocomplete="new-password">
  ${problem('confirmation')}
  <button type="submit">Set password and join</button>
</form>`,
  );
}

export const joined = (name: string, loginPath: string) =>
  page('You have joined MessageHub', `<p>Welcome aboard, ${escapeHtml(name)}. Your account is active: sign in with your email and the password you chose.</p>${signInLink(loginPath)}`);

export const unknownInvitation = () =>
  page(
    'This invitation link does not work',
    '<p>The link is not valid: it may have been mistyped, replaced by a newer invitation, or revoked. Ask an administrator to send you a new invitation.</p>',
  );

export const usedInvitation = (loginPath: string) =>
  page('This invitation has already been used', `<p>The account was set up with this link already. If it is yours, sign in; otherwise ask an administrator.</p>${signInLink(loginPath)}`);

export const expiredInvitation = (expiredAt: Date) =>
  page('This invitation has expired', `<p>The link stopped working on ${escapeHtml(expiredAt.toUTCString())}. Ask an administrator to resend your invitation.</p>`);
