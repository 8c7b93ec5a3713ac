// Malformed requests answer 4xx with the reason, before anything reaches a resource or the
// database: NUL bytes, prototype keys, absurdly nested keys, unknown resources, actions, filters
// and sort columns, record ids the primary key could not hold, dates that are not dates, page
// numbers below 1, and page sizes above the cap (clamped). Without this each of them was a
// database or TypeError, answered as HTTP 500 (see test/trust/fuzz.test.ts).
//
// Also here: refused API calls answer HTTP 403 (AdminJS answers 200 with a forbiddenError notice),
// and cross-site requests to the routes that act on a plain GET (export, sign-out) are refused.
//
// The reasons are locale keys (`messages.audit*`, block "Request checks" of locale/en.ts), written
// in the reader's language when the caller passes its texts, else in English.
import type AdminJS from 'adminjs';
import type { BaseResource, CurrentAdmin } from 'adminjs';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { EntityMetadata } from 'typeorm';
import { couldBeKey, primaryKeyType } from '../adminjs/possible-key.js';
import type { AuditMessageKey } from '../locale/en.js';
import { panelTexts, readerTexts } from '../locale/reader.js';
import { readerMessage, type ReaderTexts, type TextValues } from '../locale/text.js';

/** A request refused for what it is, with the HTTP status to answer and a message for people. */
export class RequestRefusal extends Error {
  constructor(
    public readonly status: 400 | 403 | 404,
    message: string,
    /** A locale key the panel shows (in the reader's language) instead of `message`, which stays in baseError. */
    public readonly noticeKey?: string,
  ) {
    super(message);
    this.name = 'RequestRefusal';
  }
}

/** Default most rows one list page may hold (`perPage` above it is lowered to it). */
export const DEFAULT_PER_PAGE_MAX = 100;
/** Highest page number accepted: beyond it offsets stop being meaningful. */
export const MAX_PAGE = 1_000_000;
/** Deepest key accepted (`a.b.c` is 3): AdminJS's nested forms stay well under it. */
export const MAX_KEY_DEPTH = 12;
export const MAX_KEY_LENGTH = 300;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const DATE_TYPES = new Set(['date', 'datetime']);

const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value).replace(/\\u0000/g, '\\0');

/** A reason in the reader's language (English without `texts`); typed keys, so a misspelt one fails to compile. */
const say = (texts: ReaderTexts | undefined, key: AuditMessageKey, values?: TextValues) => readerMessage(texts, key, values);

// One key per place a parameter came from: "query parameter" and "form parameter" decline
// differently from one language to the next, so neither is a word filled into one sentence.
const PARAM_MESSAGES = {
  query: {
    nameNul: 'auditQueryParamNameNul',
    nameTooLong: 'auditQueryParamNameTooLong',
    tooDeep: 'auditQueryParamTooDeep',
    prototype: 'auditQueryParamPrototype',
    valueNul: 'auditQueryParamValueNul',
  },
  form: {
    nameNul: 'auditFormParamNameNul',
    nameTooLong: 'auditFormParamNameTooLong',
    tooDeep: 'auditFormParamTooDeep',
    prototype: 'auditFormParamPrototype',
    valueNul: 'auditFormParamValueNul',
  },
} as const satisfies Record<'query' | 'form', Record<string, AuditMessageKey>>;

/** Problems of one key/value pair any request may carry (query or form), or null when fine. */
export function problemOfParam(key: string, value: unknown, where: 'query' | 'form', texts?: ReaderTexts): string | null {
  const messages = PARAM_MESSAGES[where];
  if (key.includes('\0')) return say(texts, messages.nameNul);
  if (key.length > MAX_KEY_LENGTH) return say(texts, messages.nameTooLong, { max: MAX_KEY_LENGTH });
  const segments = key.split('.');
  if (segments.length > MAX_KEY_DEPTH) return say(texts, messages.tooDeep, { name: show(key), max: MAX_KEY_DEPTH });
  if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) return say(texts, messages.prototype, { name: show(key) });
  const values = Array.isArray(value) ? value : [value];
  for (const one of values) {
    if (typeof one === 'string' && one.includes('\0')) return say(texts, messages.valueNul, { name: show(key) });
    if (one !== null && typeof one === 'object' && !Array.isArray(one) && !(one instanceof Date)) {
      // Parsed objects (a qs-style query) are walked the same way.
      for (const [inner, innerValue] of Object.entries(one)) {
        const problem = problemOfParam(`${key}.${inner}`, innerValue, where, texts);
        if (problem) return problem;
      }
    }
  }
  return null;
}

export function problemOfParams(params: Record<string, unknown> | undefined, where: 'query' | 'form', texts?: ReaderTexts): string | null {
  for (const [key, value] of Object.entries(params ?? {})) {
    const problem = problemOfParam(key, value, where, texts);
    if (problem) return problem;
  }
  return null;
}

/** The primary column type of a TypeORM-backed resource (@adminjs/typeorm keeps the entity as `model`). */
function primaryTypeOf(resource: BaseResource): string | undefined {
  try {
    const model = (resource as unknown as { model?: { getRepository?: () => { metadata: EntityMetadata } } }).model;
    const metadata = model?.getRepository?.().metadata;
    return metadata ? primaryKeyType(metadata) : undefined;
  } catch {
    // Not a TypeORM resource: fall back to AdminJS's own idea of the id's type.
    return undefined;
  }
}

/** Whether `id` is something the resource's primary key could hold (else: no such record). */
export function isPossibleRecordId(resource: BaseResource, id: string): boolean {
  return couldBeKey(id, primaryTypeOf(resource) ?? resource.decorate?.().getPropertyByKey?.('id')?.type());
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(new Date(value).getTime());
}

/** What is wrong with a query, and the locale key the panel shows for it when there is one. */
export interface QueryProblem {
  message: string;
  noticeKey?: string;
}

/** Locale key of "a date filter that is not a date" (the plugin's texts; the panel translates it). */
export const BAD_DATE_NOTICE = 'auditBadDateFilter';

/** The value problems of one filter on `property`, or null. */
function problemOfFilterValue(admin: AdminJS, resource: BaseResource, name: string, value: unknown, texts: ReaderTexts): string | QueryProblem | null {
  const decorated = resource.decorate();
  const [path, range] = name.split('~~');
  const property = decorated.getPropertyByKey(path!);
  if (!property) return say(texts, 'auditUnknownFilter', { filter: path, resource: decorated.id() });
  if (range !== undefined && range !== 'from' && range !== 'to') return say(texts, 'auditUnknownFilterRange', { filter: name, resource: decorated.id() });
  if (typeof value !== 'string') return say(texts, 'auditFilterRepeated', { filter: name });
  if (value === '') return null;
  const type = property.type();
  if (DATE_TYPES.has(type)) {
    if (!isDate(value)) return { message: say(texts, 'auditFilterNotDate', { filter: name, value: show(value) }), noticeKey: BAD_DATE_NOTICE };
    return null;
  }
  if (range !== undefined) return say(texts, 'auditFilterNoBound', { filter: path, bound: range });
  if (property.isId()) return isPossibleRecordId(resource, value) ? null : say(texts, 'auditFilterNotId', { filter: name, value: show(value) });
  // AdminJS gives the referenced resource itself (decorated properties) or its id (raw properties).
  const reference = property.reference() as unknown as BaseResource | string | null;
  if (reference) {
    let target: BaseResource | undefined;
    try {
      target = typeof reference === 'string' ? admin.findResource(reference) : reference;
    } catch {
      target = undefined;
    }
    const label = target?.decorate?.().id() ?? String(reference);
    if (target && !isPossibleRecordId(target, value)) return say(texts, 'auditFilterNotReferenceId', { filter: name, resource: label, value: show(value) });
    return null;
  }
  if (type === 'number' || type === 'float') return /^-?\d{1,15}(\.\d+)?$/.test(value) ? null : say(texts, 'auditFilterNotNumber', { filter: name, value: show(value) });
  if (type === 'boolean') return value === 'true' || value === 'false' ? null : say(texts, 'auditFilterNotBoolean', { filter: name, value: show(value) });
  if (type === 'uuid') return couldBeKey(value, 'uuid') ? null : say(texts, 'auditFilterNotUuid', { filter: name, value: show(value) });
  return null;
}

/**
 * Checks filters.*, sortBy and direction of a query against `resource`; null when fine. Without
 * `texts` the reasons are in the panel's default language (no reader at hand).
 */
export function problemOfListQuery(admin: AdminJS, resource: BaseResource, query: Record<string, unknown>, texts: ReaderTexts = panelTexts(admin.options?.locale)): QueryProblem | null {
  const problem = listQueryProblem(admin, resource, query, texts);
  return typeof problem === 'string' ? { message: problem } : problem;
}

function listQueryProblem(admin: AdminJS, resource: BaseResource, query: Record<string, unknown>, texts: ReaderTexts): string | QueryProblem | null {
  const decorated = resource.decorate();
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('filters.')) {
      const problem = problemOfFilterValue(admin, resource, key.slice('filters.'.length), value, texts);
      if (problem) return problem;
    } else if (key === 'filters') {
      return say(texts, 'auditFiltersShape');
    }
  }
  if (query.sortBy !== undefined) {
    const sortBy = query.sortBy;
    const property = typeof sortBy === 'string' ? decorated.getPropertyByKey(sortBy) : null;
    if (!property || !property.isSortable()) return say(texts, 'auditNotSortable', { resource: decorated.id(), field: show(String(sortBy)) });
  }
  if (query.direction !== undefined && query.direction !== 'asc' && query.direction !== 'desc') {
    return say(texts, 'auditBadDirection', { value: show(String(query.direction)) });
  }
  return null;
}

/** page / perPage: a page below 1 or not a whole number is refused; a perPage above the cap is lowered to it. */
export function pagingOf(query: Record<string, unknown>, perPageMax: number, texts?: ReaderTexts): { problem: string } | { perPage?: string } {
  const { page, perPage } = query;
  if (page !== undefined && (typeof page !== 'string' || !/^\d{1,7}$/.test(page) || Number(page) < 1 || Number(page) > MAX_PAGE)) {
    return { problem: say(texts, 'auditBadPage', { max: MAX_PAGE, value: show(String(page)) }) };
  }
  if (perPage !== undefined) {
    if (typeof perPage !== 'string' || !/^\d{1,9}$/.test(perPage) || Number(perPage) < 1) {
      return { problem: say(texts, 'auditBadPerPage', { max: perPageMax, value: show(String(perPage)) }) };
    }
    if (Number(perPage) > perPageMax) return { perPage: String(perPageMax) };
  }
  return {};
}

/** The signed-in admin of a request, as the session keeps them. */
export const sessionAdmin = (req: Request): CurrentAdmin | undefined => (req as Request & { session?: { adminUser?: CurrentAdmin } }).session?.adminUser;

/** Answers a refusal the way AdminJS answers errors (a notice), with a real HTTP status. */
export function sendRefusal(res: Response, refusal: RequestRefusal): void {
  res.status(refusal.status).json({ notice: { message: refusal.noticeKey ?? refusal.message, type: 'error' }, reason: refusal.message, records: [], record: { params: {}, populated: {}, errors: {}, baseError: { message: refusal.message, type: 'refused' } } });
}

/** Where a malformed form's problem is left on the request (AdminJS copies the request into its action requests). */
export const FORM_PROBLEM_KEY = 'auditFormProblem';

/** The problem the router found in the request's form, if any (for the plugin's before hook). */
export function formProblemOf(request: unknown): string | undefined {
  return request && typeof request === 'object' ? ((request as Record<string, unknown>)[FORM_PROBLEM_KEY] as string | undefined) : undefined;
}

/**
 * AdminJS reads each form key as a property path before any hook runs, and a key naming
 * `constructor` or `__proto__` makes that lookup throw (a 500). The form parser (inside AdminJS's
 * router) assigns req.fields: malformed keys are taken out there and the problem is left on the
 * request, for the plugin's before hook to answer 400 with it.
 */
function screenFormFields(req: Request, texts: ReaderTexts): void {
  let fields: unknown;
  Object.defineProperty(req, 'fields', {
    configurable: true,
    enumerable: true,
    get: () => fields,
    set(value: unknown) {
      if (!value || typeof value !== 'object') {
        fields = value;
        return;
      }
      const kept: Record<string, unknown> = {};
      for (const [key, one] of Object.entries(value as Record<string, unknown>)) {
        const problem = problemOfParam(key, one, 'form', texts);
        if (problem) {
          if (!formProblemOf(req)) Object.assign(req, { [FORM_PROBLEM_KEY]: problem });
          continue;
        }
        kept[key] = one;
      }
      fields = kept;
    },
  });
}

/** Replaces the request's query (Express 5 computes req.query from the URL on each read). */
function setQuery(req: Request, query: Record<string, unknown>): void {
  Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
}

const API_ROUTE = /^\/api\/resources\/([^/]+)(?:\/(actions|records|bulk|search)(?:\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?)?\/?$/;
const PAGE_ROUTE = /^\/resources\/([^/]+)(?:\/(actions|records|bulk)(?:\/([^/]+))?(?:\/([^/]+))?)?\/?$/;

function decode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\0'; // refused below as malformed
  }
}

function findResource(admin: AdminJS, id: string): BaseResource | undefined {
  try {
    return admin.findResource(id);
  } catch {
    return undefined;
  }
}

const NO_ACTION_MESSAGES = {
  resource: 'auditNoResourceAction',
  record: 'auditNoRecordAction',
  bulk: 'auditNoBulkAction',
} as const satisfies Record<'resource' | 'record' | 'bulk', AuditMessageKey>;

/** Checks what a route's path names: the resource, the action for that kind of route, the record ids. */
function problemOfRoute(admin: AdminJS, req: Request, kind: 'api' | 'page', match: RegExpMatchArray, texts: ReaderTexts): RequestRefusal | null {
  const [, rawResource, section, a, b, c] = match;
  const [resourceId, first, second, third] = [rawResource, a, b, c].map(decode);
  const refuse = (status: 400 | 404, key: AuditMessageKey, values?: TextValues) => new RequestRefusal(status, say(texts, key, values));
  for (const part of [resourceId, first, second, third]) if (part?.includes('\0')) return refuse(400, 'auditMalformedAddress');
  const resource = findResource(admin, resourceId!);
  if (!resource) return refuse(404, 'auditNoSuchResource', { resource: resourceId });
  const actions = resource.decorate().actions;
  const checkAction = (name: string | undefined, type: 'resource' | 'record' | 'bulk') => {
    if (name === undefined) return null;
    const action = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    const matches = action && (type === 'resource' ? action.isResourceType() : type === 'record' ? action.isRecordType() : action.isBulkType());
    if (!matches) return refuse(404, NO_ACTION_MESSAGES[type], { resource: resource.decorate().id(), action: name });
    return null;
  };
  const noRecord = (id: string) => refuse(404, 'auditNoSuchRecord', { resource: resource.decorate().id(), id: id.slice(0, 60) });
  if (section === 'actions') {
    if (kind === 'api' && third !== undefined) return refuse(404, 'auditNoSuchAddress');
    return checkAction(first, 'resource');
  }
  if (section === 'search') return kind === 'api' && second !== undefined ? refuse(404, 'auditNoSuchAddress') : null;
  if (section === 'records') {
    if (first === undefined || second === undefined) return refuse(404, 'auditNoSuchAddress');
    if (third !== undefined) return refuse(404, 'auditNoSuchAddress');
    if (!isPossibleRecordId(resource, first)) return noRecord(first);
    return checkAction(second, 'record');
  }
  if (section === 'bulk') {
    if (second !== undefined) return refuse(404, 'auditNoSuchAddress');
    const refused = checkAction(first, 'bulk');
    if (refused) return refused;
    const ids = req.query.recordIds;
    if (ids !== undefined) {
      if (typeof ids !== 'string') return refuse(400, 'auditRecordIdsList');
      const bad = ids.split(',').find((id) => !isPossibleRecordId(resource, id));
      if (bad !== undefined) return noRecord(bad);
    }
  }
  return null;
}

/**
 * Middleware for the admin router (mounted before AdminJS's routes, after the session): checks the
 * API's and pages' addresses and queries of signed-in users. Anonymous requests pass untouched, to
 * AdminJS's redirect to the sign-in page. API answers that are AdminJS's "forbiddenError" get 403.
 */
export function adminRequestChecks(admin: AdminJS, options: { perPageMax: number }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const reader = sessionAdmin(req);
    if (!reader) return next();
    const api = API_ROUTE.exec(req.path);
    const page = api ? null : PAGE_ROUTE.exec(req.path);
    if (!api && !page && !req.path.startsWith('/api/')) return next();
    // Reasons are written in the reader's language; only a per-admin locale function makes that
    // wait (it may look the admin up), and then a failure below still reaches Express's handler.
    const texts = readerTexts(admin.options.locale, reader, req);
    if (!(texts instanceof Promise)) return checkRequest(admin, options, texts, req, res, next, api, page);
    texts.then((found) => checkRequest(admin, options, found, req, res, next, api, page)).catch(next);
  };
}

function checkRequest(
  admin: AdminJS,
  options: { perPageMax: number },
  texts: ReaderTexts,
  req: Request,
  res: Response,
  next: NextFunction,
  api: RegExpExecArray | null,
  page: RegExpExecArray | null,
): void {
  if (req.path.startsWith('/api/')) forbiddenAs403(res);
  if (req.method === 'POST' && req.path.startsWith('/api/')) screenFormFields(req, texts);
  if (!api && !page) {
    const problem = req.path.startsWith('/api/') ? problemOfParams(req.query as Record<string, unknown>, 'query', texts) : null;
    return problem ? sendRefusal(res, new RequestRefusal(400, problem)) : next();
  }
  const refusal = problemOfRoute(admin, req, api ? 'api' : 'page', (api ?? page)!, texts);
  if (refusal) return api ? sendRefusal(res, refusal) : void res.status(refusal.status).type('text/plain').send(refusal.message);
  const query = req.query as Record<string, unknown>;
  const resource = findResource(admin, decode(((api ?? page)!)[1])!)!;
  const malformed = problemOfParams(query, 'query', texts);
  const problem: QueryProblem | null = malformed ? { message: malformed } : problemOfListQuery(admin, resource, query, texts);
  const paging = problem ? { problem: problem.message, noticeKey: problem.noticeKey } : pagingOf(query, options.perPageMax, texts);
  if ('problem' in paging) {
    const refused = new RequestRefusal(400, paging.problem, 'noticeKey' in paging ? paging.noticeKey : undefined);
    return api ? sendRefusal(res, refused) : void res.status(400).type('text/plain').send(refused.message);
  }
  if (paging.perPage !== undefined) setQuery(req, { ...query, perPage: paging.perPage });
  next();
}

/** AdminJS answers a call refused by isAccessible with HTTP 200 and notice "forbiddenError": make it 403. */
function forbiddenAs403(res: Response): void {
  const json = res.json.bind(res);
  res.json = ((body: unknown) => {
    const notice = (body as { notice?: { type?: string; message?: string } } | null)?.notice;
    if (res.statusCode === 200 && notice?.type === 'error' && notice.message === 'forbiddenError') res.status(403);
    return json(body);
  }) as Response['json'];
}

/** After AdminJS's routes: refusals thrown by the plugin's action hooks answer with their status. */
export const refusalsAsHttp: ErrorRequestHandler = (error, req, res, next) => {
  if (!(error instanceof RequestRefusal) || res.headersSent) return next(error);
  if (req.path.startsWith('/api/')) sendRefusal(res, error);
  else res.status(error.status).type('text/plain').send(error.message);
};

/** The host (and port) this request was addressed to: Host, or X-Forwarded-Host under `trust proxy`. */
function ownHost(req: Request): string | null {
  const host = req.host || req.get('host');
  return host ? host.toLowerCase() : null;
}

/** host:port of a URL; the scheme is left out, since a TLS-terminating proxy may not say it. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Refuses requests another site started: Sec-Fetch-Site other than same-origin / none (a typed
 * address, a bookmark), or an Origin or Referer naming another origin. Scripts that send none of
 * these headers are unaffected. For routes that act on a GET (the export, the sign-out).
 */
export function refuseCrossSite(textsOf: (req: Request) => ReaderTexts | Promise<ReaderTexts> = () => ({})): RequestHandler {
  return async (req, res, next) => {
    const site = req.get('sec-fetch-site');
    // A browser that says same-origin has compared the origins itself.
    let crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (site !== 'same-origin') {
      const own = ownHost(req);
      const origin = req.get('origin');
      if (!crossSite && origin !== undefined) crossSite = origin === 'null' || hostOf(origin) !== own;
      const referer = req.get('referer');
      if (!crossSite && referer !== undefined && referer !== '') crossSite = hostOf(referer) !== own;
    }
    if (crossSite) {
      res.status(403).type('text/plain').send(readerMessage(await textsOf(req), 'auditCrossSiteRefused'));
      return;
    }
    next();
  };
}
