// Helpers for the people screens' tests: entries written by one step, button-only record actions,
// and the invitation flow as an administrator and an invitee do it over HTTP.
import request from 'supertest';
import type { AuditLog } from '@hashtrail/adminjs-audit';
import type { ActionResult } from './admin-api.js';
import { adminApi } from './admin-api.js';
import { BROWSER_UA, type TestApp } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;
export type AdminApi = ReturnType<typeof adminApi>;

/** Runs `work` and returns the audit entries it wrote, oldest first. */
export async function newEntries<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; entries: AuditLog[] }> {
  const [{ max }] = await t.dataSource.query('SELECT coalesce(max(id), 0)::bigint AS max FROM audit_logs');
  const result = await work();
  const entries = (await t.entries()).filter((entry) => BigInt(entry.id) > BigInt(max)).reverse();
  return { result, entries };
}

/** A record action as the panel calls a button-only action (GET), or as an API client may (POST). */
export async function recordAction(agent: Agent, resource: string, id: string | number, action: string, method: 'get' | 'post' = 'get'): Promise<ActionResult> {
  const url = `/admin/api/resources/${resource}/records/${id}/${action}`;
  const response = await (method === 'get' ? agent.get(url) : agent.post(url)).set('User-Agent', BROWSER_UA);
  return { status: response.status, body: response.body, text: response.text } as ActionResult;
}

/** The acceptance link an invitation (or resend) answered with, as its one-time secret (http://…/invitations/<token>). */
export function linkIn(result: ActionResult): string {
  const link = result.body.oneTimeSecret?.value;
  if (!link || !/^https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+$/.test(link)) throw new Error(`no invitation link in: ${JSON.stringify(result.body.oneTimeSecret ?? result.body.notice)}`);
  return link;
}

/** The path of a link, for supertest (which talks to the app, not to PUBLIC_URL). */
export const pathOf = (link: string) => new URL(link).pathname;

export async function invite(admin: AdminApi, fields: Record<string, string | number>): Promise<{ result: ActionResult; id: number; link: string }> {
  const result = await admin.create('User', fields);
  if (result.body.notice?.type !== 'success') throw new Error(`invitation refused: ${JSON.stringify(result.body)}`);
  return { result, id: Number(result.body.record!.params.id), link: linkIn(result) };
}

/** The invitee's browser: a session of its own, no cookies from the admin's. */
export function submitPassword(t: TestApp, link: string, password: string, confirmation = password) {
  return request(t.app).post(pathOf(link)).set('User-Agent', BROWSER_UA).type('form').send({ password, confirmation });
}
