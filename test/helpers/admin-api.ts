// The AdminJS HTTP API as the panel's browser code calls it. Errors come back as HTTP 200 with an
// error notice, so callers look at the body.
import type request from 'supertest';
import type { OneTimeSecret } from '../../src/admin/components/OneTimeSecretResponse.js';
import { BROWSER_UA } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;
type Fields = Record<string, string | number | boolean | null>;

export interface ActionResult {
  status: number;
  body: {
    notice?: { message: string; type: string };
    record?: { params: Record<string, unknown>; errors: Record<string, { message: string }>; baseError?: { message: string } | null; id?: string | number };
    records?: Array<{ params: Record<string, unknown>; id: string | number }>;
    meta?: { total: number; page: number; perPage: number };
    /** An invitation link or signing secret, in the answer of the action that made it only. */
    oneTimeSecret?: OneTimeSecret;
  };
  text: string;
}

const base = '/admin/api/resources';

function form(fields: Fields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

export function adminApi(agent: Agent, headers: Record<string, string> = {}) {
  const send = async (call: ReturnType<Agent['get']>) => {
    const response = await call.set({ 'User-Agent': BROWSER_UA, ...headers });
    return { status: response.status, body: response.body, text: response.text } as ActionResult;
  };
  return {
    list: (resource: string, query: Record<string, string> = {}) => send(agent.get(`${base}/${resource}/actions/list`).query(query)),
    search: (resource: string, term: string) => send(agent.get(`${base}/${resource}/actions/search/${encodeURIComponent(term)}`)),
    show: (resource: string, id: string | number) => send(agent.get(`${base}/${resource}/records/${id}/show`)),
    editForm: (resource: string, id: string | number) => send(agent.get(`${base}/${resource}/records/${id}/edit`)),
    create: (resource: string, fields: Fields) => send(agent.post(`${base}/${resource}/actions/new`).type('form').send(form(fields))),
    edit: (resource: string, id: string | number, fields: Fields) => send(agent.post(`${base}/${resource}/records/${id}/edit`).type('form').send(form(fields))),
    remove: (resource: string, id: string | number) => send(agent.post(`${base}/${resource}/records/${id}/delete`)),
    bulkRemove: (resource: string, ids: Array<string | number>) => send(agent.post(`${base}/${resource}/bulk/bulkDelete`).query({ recordIds: ids.join(',') })),
  };
}
