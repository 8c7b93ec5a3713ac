// The OpenAPI 3.1 document at /api/v1/openapi.json against the implementation: a valid document
// (@seriousme/openapi-schema-validator); every documented query parameter taken with a good
// value and refused, by name, with a bad one; the documented schema and the implementation
// agreeing on a spread of values for each; no undocumented parameter taken; and real answers of
// every documented status validating against the documented response schemas (ajv, JSON Schema
// 2020-12) and against the zod schemas they are generated from.
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import request from 'supertest';
import { z } from 'zod';
import { entrySchema, pageSchema, problemSchema } from '../../plugin/src/api/openapi.js';
import { recordAction } from '../helpers/people.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { API, get, page, tokenFor } from './api-client.js';

type Schema = Record<string, unknown> & { type?: string; enum?: string[]; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; pattern?: string; format?: string };
interface Parameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description: string;
  schema: Schema;
}
interface Operation {
  parameters: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
type Answer = { status: number; headers: Record<string, string>; text: string; body: unknown };

let t: TestApp;
let token: string;
let doc: Record<string, any>;
let list: Operation;
let one: Operation;
let ajv: InstanceType<typeof Ajv2020.default>;
beforeAll(async () => {
  // Each parameter is tried with many values: more requests than the default allowance.
  t = await startTestApp({ AUDIT_API_RATE_LIMIT: '100000', AUDIT_API_PAGE_MAX: '300', AUDIT_API_PAGE_DEFAULT: '40' });
  ({ token } = await tokenFor(t, ADMIN_EMAIL, 'openapi'));
  const served = await request(t.app).get(`${API}/openapi.json`);
  expect(served.status).toBe(200);
  doc = served.body;
  list = doc.paths['/audit_logs'].get;
  one = doc.paths['/audit_logs/{id}'].get;
  // Query values arrive as text: coerceTypes reads "5" as the documented integer, as a client library would send it.
  ajv = new Ajv2020.default({ strict: false, coerceTypes: true, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'openapi.json');
});
afterAll(() => t.close());

/** Compiled once per schema: compiling costs far more than validating. */
const compiled = new Map<unknown, (data: unknown) => boolean>();
const validatorOf = (key: unknown, schema: () => Record<string, unknown>) => {
  if (!compiled.has(key)) compiled.set(key, ajv.compile(schema()) as (data: unknown) => boolean);
  return compiled.get(key)!;
};

/** Whether the documented schema of `parameter` takes `value` (a query string's text). */
function documentedAccepts(parameter: Parameter, value: string): boolean {
  // In an object, so that coerceTypes can replace the text with the number it reads.
  return validatorOf(parameter, () => ({ type: 'object', properties: { value: parameter.schema } }))({ value });
}

/** Checks an answer against the document: its status and media type are documented, its body fits the schema. */
function conforms(operation: Operation, response: Answer): void {
  const documented = operation.responses[String(response.status)];
  if (!documented) throw new Error(`HTTP ${response.status} is not documented: ${response.text}`);
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!;
  const content = documented.content?.[mediaType];
  if (!content) throw new Error(`HTTP ${response.status} as ${mediaType} is not documented`);
  const validate = validatorOf(content.schema.$ref, () => ({ $ref: `openapi.json${String(content.schema.$ref)}` }));
  const body = JSON.parse(response.text);
  if (!validate(body)) throw new Error(`HTTP ${response.status} does not fit ${String(content.schema.$ref)}: ${ajv.errorsText((validate as { errors?: Parameters<typeof ajv.errorsText>[0] }).errors)}\n${response.text.slice(0, 500)}`);
  // And the zod schema it was generated from, strictly.
  const zodSchema = response.status === 200 ? (operation === list ? pageSchema : entrySchema) : problemSchema;
  expect(zodSchema.safeParse(body).error).toBeUndefined();
}

/** The text of an RFC 3339 time `minutes` from now. */
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** Good values of a documented parameter, from its schema (and, for a cursor, a real one). */
async function goodValues(parameter: Parameter): Promise<string[]> {
  const { schema } = parameter;
  if (parameter.name === 'cursor') return [(await page(t, token, { limit: 1 })).next_cursor!];
  if (schema.enum) return schema.enum;
  if (schema.type === 'integer') return [String(schema.minimum), String(schema.maximum), String(schema.default)];
  if (schema.format === 'date-time') return [inMinutes(-60), '2026-01-01T00:00:00Z', '2026-06-01T12:30:00.123456+02:00'];
  if (schema.type === 'string') return ['x', 'Inbox', 'x'.repeat(schema.maxLength ?? 1)];
  throw new Error(`no good value for ${parameter.name}: ${JSON.stringify(schema)}`);
}

/** Bad values, one for each constraint of the schema; a constraint this test does not know fails it. */
function badValues(parameter: Parameter): string[] {
  const values: string[] = [];
  const known = new Set(['type', 'description', 'default']);
  const { schema } = parameter;
  for (const [keyword, constraint] of Object.entries(schema)) {
    if (known.has(keyword)) continue;
    switch (keyword) {
      case 'enum':
        values.push(`not-${(constraint as string[])[0]}`, '');
        break;
      case 'minimum':
        values.push(String((constraint as number) - 1));
        break;
      case 'maximum':
        values.push(String((constraint as number) + 1));
        break;
      case 'minLength':
        values.push('');
        break;
      case 'maxLength':
        values.push('x'.repeat((constraint as number) + 1));
        break;
      case 'pattern':
        values.push(schema.format === 'date-time' ? '2026-02-30T00:00:00Z' : 'a\u0001b');
        break;
      case 'format':
        values.push('yesterday', '2026-01-01');
        break;
      default:
        throw new Error(`badValues knows no "${keyword}" (${parameter.name}): add a bad value for it`);
    }
  }
  if (schema.type === 'integer') values.push('ten', '1.5');
  return values;
}

/** Values of every kind, for comparing the documented schema with what the implementation takes. */
const SPREAD = ['', ' ', '0', '1', '-1', '1.5', '10', '1e1', 'abc', 'desc', 'asc', 'DESC', 'Inbox', 'inbox.created', '10.0.', '::1', 'a\tb', '%', 'ü', 'x'.repeat(45), 'x'.repeat(46), 'x'.repeat(65), 'x'.repeat(200), 'x'.repeat(201), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00+0200', '2026-01-01 00:00:00Z', '2026-01-01t00:00:00z', '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2026-01-01T24:00:00Z'];

describe('the document', () => {
  it('is served without a token, as JSON, for the place the API is mounted', async () => {
    const served = await request(t.app).get(`${API}/openapi.json`);
    expect(served.headers['content-type']).toMatch(/^application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: API }]);
    expect(Object.keys(doc.paths).sort()).toEqual(['/audit_logs', '/audit_logs/{id}']);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does look: the same document without its responses is refused.
    const broken = structuredClone(doc);
    delete broken.paths['/audit_logs'].get.responses;
    broken.paths['/audit_logs'].get.parameters[0].in = 'header-ish';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('states the configured limits: page size, default and maximum, and the rate limit', () => {
    const limit = list.parameters.find((parameter) => parameter.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 300, default: 40 });
    expect(String(doc.paths['/audit_logs'].get.responses['429'].description)).toContain('100000 requests in 60 s');
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerToken: [] }]);
  });
});

describe('the documented parameters of GET /audit_logs', () => {
  it('are every parameter the implementation takes, and only those', async () => {
    const names = list.parameters.map((parameter) => parameter.name);
    expect(list.parameters.every((parameter) => parameter.in === 'query' && parameter.required === false && parameter.description.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    // Each taken alone: a 200 (below). Anything else: refused by name.
    const undocumented = [
      ...names.map((name) => name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase())).filter((name) => !names.includes(name)),
      ...names.map((name) => name.toUpperCase()),
      ...names.map((name) => `${name}[]`),
      ...names.map((name) => `filters.${name}`),
      'page', 'per_page', 'offset', 'sort', 'fields', 'q', 'since', 'until', 'before', 'after', 'user_id', 'format', 'lang', 'expand', 'access_token', 'token',
    ];
    for (const name of undocumented) {
      const response = await get(t, '/audit_logs', token, { [name]: '1' });
      expect([name, response.status]).toEqual([name, 400]);
      expect(JSON.parse(response.text).errors).toEqual([{ parameter: name, detail: 'is not a parameter of this route' }]);
      conforms(list, response);
    }
  });

  it('each takes a good value and answers a page that fits the documented schema', async () => {
    for (const parameter of list.parameters) {
      for (const value of await goodValues(parameter)) {
        const response = await get(t, '/audit_logs', token, { [parameter.name]: value });
        expect([parameter.name, value, response.status]).toEqual([parameter.name, value, 200]);
        conforms(list, response);
      }
    }
  });

  it('each refuses a bad value with a 400 naming it, for each of its documented constraints', async () => {
    for (const parameter of list.parameters) {
      const values = badValues(parameter);
      expect([parameter.name, values.length > 0]).toEqual([parameter.name, true]);
      for (const value of values) {
        expect([parameter.name, value, documentedAccepts(parameter, value)]).toEqual([parameter.name, value, false]);
        const response = await get(t, '/audit_logs', token, { [parameter.name]: value });
        expect([parameter.name, value, response.status]).toEqual([parameter.name, value, 400]);
        expect(JSON.parse(response.text).errors.map((error: { parameter: string }) => error.parameter)).toEqual([parameter.name]);
        conforms(list, response);
      }
    }
  });

  it('each takes exactly the values its documented schema takes', async () => {
    const disagreements: string[] = [];
    // A cursor is documented as opaque text: only one this API gave is taken (tested in api-cursor.test.ts).
    for (const parameter of list.parameters.filter((candidate) => candidate.name !== 'cursor')) {
      for (const value of SPREAD) {
        const response = await get(t, '/audit_logs', token, { [parameter.name]: value });
        expect([200, 400]).toContain(response.status);
        if ((response.status === 200) !== documentedAccepts(parameter, value)) {
          disagreements.push(`${parameter.name}=${JSON.stringify(value)}: documented ${documentedAccepts(parameter, value) ? 'takes' : 'refuses'} it, answered ${response.status}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a cursor that does not fit its documented length', async () => {
    const cursor = list.parameters.find((parameter) => parameter.name === 'cursor')!;
    for (const value of badValues(cursor)) {
      const response = await get(t, '/audit_logs', token, { cursor: value });
      expect(JSON.parse(response.text).errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
    }
  });
});

describe('GET /audit_logs/{id} as documented', () => {
  it('documents its one path parameter, and the implementation takes what its pattern takes', async () => {
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const id = one.parameters[0]!;
    // The newest entry of the token's account (the seeded one): an id the token can read.
    const [{ max }] = await t.dataSource.query(`SELECT max(id)::text AS max FROM audit_logs WHERE account_id = (SELECT min(id) FROM account)`);
    for (const value of [max, '1', '0', '01', '-1', 'abc', '1.5', '9223372036854775807', '9999999999999999999', '12345678901234567890']) {
      const response = await get(t, `/audit_logs/${value}`, token);
      conforms(one, response);
      // 404: a well-formed id no entry has.
      expect([value, response.status !== 400]).toEqual([value, documentedAccepts(id, value)]);
    }
  });
});

describe('real answers fit the documented response schemas', () => {
  it('every entry of the log, every kind of activity, read a page at a time and one by one', async () => {
    let cursor: string | null = null;
    // Each kind of activity and the newest of its entries the token read.
    const kinds = new Map<string, string>();
    do {
      const response = await get(t, '/audit_logs', token, cursor ? { limit: 300, cursor } : { limit: 300 });
      conforms(list, response);
      const body = response.body as { data: Array<{ id: string; key: string }>; next_cursor: string | null };
      for (const entry of body.data) if (!kinds.has(entry.key)) kinds.set(entry.key, entry.id);
      cursor = body.next_cursor;
    } while (cursor);
    expect(kinds.size).toBeGreaterThan(5);
    for (const id of kinds.values()) {
      const response = await get(t, `/audit_logs/${id}`, token);
      expect(response.status).toBe(200);
      conforms(one, response);
    }
  });

  it('401, 403 and 429 problems, on both routes', async () => {
    const admin = await t.signIn();
    const [{ id: brunoId }] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'bruno@acme.example'`);
    await recordAction(admin, 'User', brunoId, 'makeAdministrator', 'post');
    const bruno = await tokenFor(t, 'bruno@acme.example');
    await recordAction(admin, 'User', brunoId, 'makeAgent', 'post');
    const limited = await tokenFor(t, ADMIN_EMAIL);
    expect((await get(t, '/audit_logs', limited.token, { limit: 1 })).status).toBe(200);
    // As if it had made the whole allowance of requests in this window.
    await t.dataSource.query(`UPDATE audit_sign_in_throttle SET points = 100000 WHERE key = $1`, [`api:${limited.id}`]);

    for (const [operation, path] of [[list, '/audit_logs'], [one, '/audit_logs/1']] as const) {
      const answers = [
        await get(t, path, null),
        await get(t, path, 'hta_not-a-real-token'),
        await get(t, path, bruno.token),
        await get(t, path, limited.token),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 403, 429]);
      for (const answer of answers) conforms(operation, answer);
    }
  });
});

// The zod schemas are the documented ones: z.toJSONSchema of each is what the document holds.
describe('the document is generated from the zod schemas', () => {
  it('holds the zod entry, page and problem schemas', () => {
    const asJson = (schema: z.ZodType) => {
      const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
      return rest;
    };
    expect(doc.components.schemas.AuditLog).toEqual(asJson(entrySchema));
    expect(doc.components.schemas.Problem).toEqual(asJson(problemSchema));
    const page = asJson(pageSchema) as { properties: Record<string, unknown> };
    expect(doc.components.schemas.AuditLogPage).toEqual({ ...page, properties: { ...page.properties, data: { type: 'array', items: { $ref: '#/components/schemas/AuditLog' } } } });
  });
});
