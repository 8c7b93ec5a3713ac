// The OpenAPI 3.1 document of the read API, generated from the zod schemas that validate its
// requests (api-query.ts) and describe its answers (below): what is documented is what is checked.
import { z } from 'zod';
import { entryIdSchema, listQuerySchema } from './api-query.js';
import { PROBLEMS, type ProblemKind } from './problem.js';

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** One entry, as GET /audit_logs and GET /audit_logs/{id} answer it (api-entries.ts's ApiEntry). */
export const entrySchema = z
  .strictObject({
    id: z.string().describe("The entry's id."),
    key: z.string().describe('The action key (the activity catalogue), e.g. "inbox.updated".'),
    category: z.string(),
    params: nullable(z.record(z.string(), z.unknown())).describe('What the sentence is made from (format-2 entries).'),
    sentence: z.string().describe("The activity as a sentence, in the token owner's language."),
    actor: z.strictObject({
      id: nullable(z.string()),
      name: z.string().describe('The name at the time ("System" when no one acted).'),
      email: nullable(z.string()),
      role: nullable(z.string()),
    }),
    target: nullable(z.strictObject({ type: nullable(z.string()), id: nullable(z.string()), label: nullable(z.string()) })),
    changes: nullable(z.record(z.string(), z.unknown())).describe('Before/after of each changed field; secrets are masked.'),
    details: nullable(z.record(z.string(), z.unknown())),
    ip: nullable(z.string()),
    user_agent: nullable(z.string()),
    request_id: nullable(z.string()),
    account_id: nullable(z.string()),
    occurred_at: z.string().describe('RFC 3339, UTC, to the microsecond.'),
    chain: z.strictObject({
      seq: nullable(z.string()).describe('Position in the hash chain.'),
      hash: nullable(z.string()),
      prev_hash: nullable(z.string()),
      format: z.number().int(),
    }),
  })
  .describe('An audit entry.');

export const pageSchema = z.strictObject({
  data: z.array(entrySchema),
  has_more: z.boolean().describe('Whether entries past this page existed when it was read.'),
  next_cursor: nullable(z.string()).describe(
    'Give it as `cursor` (with the same other parameters) for the next page. Newest first: null at the oldest entry. ' +
      'Oldest first: present while the page held entries, so a client following the log asks again later from where it stopped.',
  ),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.strictObject({ parameter: z.string(), detail: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details.');

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

const inputSchema = (schema: z.ZodType) => {
  const { $schema: _drop, description: _described, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

const problemResponse = (kind: ProblemKind, description: string) => ({
  [PROBLEMS[kind].status]: { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
});

/** The document; `serverUrl`: where the API is mounted (e.g. "/api/v1"). */
export function openApiDocument(options: { serverUrl: string; defaultLimit: number; maxLimit: number; rateLimit: number; rateWindowSeconds: number; readWindowMinutes: number; title?: string; version?: string }) {
  const query = listQuerySchema(options);
  const parameters = Object.entries(query.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    description: (schema as z.ZodType).description ?? '',
    schema: inputSchema(schema as z.ZodType),
  }));
  const common = {
    ...problemResponse('unauthorized', 'No token, or a token that is unknown, revoked or expired, or whose owner can no longer sign in.'),
    ...problemResponse('forbidden', "The token's owner may not read the audit log (not an administrator)."),
    ...problemResponse('rate_limited', `More than ${options.rateLimit} requests in ${options.rateWindowSeconds} s with this token; wait Retry-After seconds.`),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Audit Logs API',
      version: options.version ?? '1',
      description:
        'Read-only access to the audit log with a personal access token (Authorization: Bearer …). ' +
        `Reading is itself recorded, once per token per ${options.readWindowMinutes} minutes.`,
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerToken: [] }],
    paths: {
      '/audit_logs': {
        get: {
          operationId: 'listAuditLogs',
          summary: 'Entries matching the filters, a page at a time',
          parameters,
          responses: {
            200: { description: 'A page of entries.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditLogPage' } } } },
            ...problemResponse('bad_request', 'A parameter is unknown or has a bad value (each is named in `errors`), or the cursor does not fit the query.'),
            ...common,
          },
        },
      },
      '/audit_logs/{id}': {
        get: {
          operationId: 'getAuditLog',
          summary: 'One entry',
          parameters: [{ name: 'id', in: 'path', required: true, description: entryIdSchema.description ?? '', schema: inputSchema(entryIdSchema) }],
          responses: {
            200: { description: 'The entry.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditLog' } } } },
            ...problemResponse('bad_request', 'The id is not an entry id.'),
            ...problemResponse('not_found', 'No entry has this id.'),
            ...common,
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token, made on My profile.' } },
      schemas: {
        AuditLog: jsonSchema(entrySchema),
        AuditLogPage: replaceEntryRef(jsonSchema(pageSchema)),
        Problem: jsonSchema(problemSchema),
      },
    },
  };
}

/** The page schema refers to the entry schema instead of repeating it. */
function replaceEntryRef(page: Record<string, unknown>): Record<string, unknown> {
  const properties = page.properties as Record<string, Record<string, unknown>>;
  return { ...page, properties: { ...properties, data: { type: 'array', items: { $ref: '#/components/schemas/AuditLog' } } } };
}
