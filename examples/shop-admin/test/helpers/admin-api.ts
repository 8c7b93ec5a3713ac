// The AdminJS HTTP API as the panel's browser code calls it. Errors come back as HTTP 200 with an
// error notice, so callers look at the body.
import type { Agent } from './shop.js';

type Fields = Record<string, string | number | boolean | null>;

export interface ActionResult {
  status: number;
  headers: Record<string, string>;
  body: {
    notice?: { message: string; type: string };
    record?: { params: Record<string, unknown>; errors: Record<string, { message: string }>; id?: string };
    records?: Array<{ params: Record<string, unknown>; id: string }>;
  };
  text: string;
}

const base = '/admin/api/resources';

const form = (fields: Fields) => Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === null ? '' : String(value)]));

export function adminApi(agent: Agent) {
  const send = async (call: ReturnType<Agent['get']>): Promise<ActionResult> => {
    const response = await call;
    return { status: response.status, headers: response.headers as Record<string, string>, body: response.body, text: response.text };
  };
  return {
    list: (resource: string, query: Record<string, string> = {}) => send(agent.get(`${base}/${resource}/actions/list`).query(query)),
    show: (resource: string, id: string) => send(agent.get(`${base}/${resource}/records/${id}/show`)),
    create: (resource: string, fields: Fields) => send(agent.post(`${base}/${resource}/actions/new`).type('form').send(form(fields))),
    edit: (resource: string, id: string, fields: Fields) => send(agent.post(`${base}/${resource}/records/${id}/edit`).type('form').send(form(fields))),
    remove: (resource: string, id: string) => send(agent.post(`${base}/${resource}/records/${id}/delete`)),
    bulkRemove: (resource: string, ids: string[]) => send(agent.post(`${base}/${resource}/bulk/bulkDelete`).query({ recordIds: ids.join(',') })),
    recordAction: (resource: string, id: string, action: string) => send(agent.post(`${base}/${resource}/records/${id}/${action}`)),
  };
}
