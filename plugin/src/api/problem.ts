// Errors as RFC 9457 problem details (application/problem+json): a stable `type` per kind of
// problem, a title, the status, and a detail saying what to change. `errors` lists each bad
// parameter for a 400.
import type { Response } from 'express';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Each kind of problem the API answers: its `type` (relative to the API's root), title and status. */
export const PROBLEMS = {
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  bad_request: { status: 400, title: 'Bad request' },
  not_found: { status: 404, title: 'Not found' },
  rate_limited: { status: 429, title: 'Too many requests' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export interface ParameterError {
  /** The query parameter (or path parameter) at fault. */
  parameter: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ParameterError[];
}

export function problemBody(kind: ProblemKind, detail: string, extra: { instance?: string; errors?: ParameterError[] } = {}): ProblemBody {
  const { status, title } = PROBLEMS[kind];
  return { type: `urn:hashtrail:audit-api:problem:${kind}`, title, status, detail, ...extra };
}

export function sendProblem(res: Response, kind: ProblemKind, detail: string, extra: { instance?: string; errors?: ParameterError[]; headers?: Record<string, string> } = {}): void {
  const { headers, ...rest } = extra;
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
  res.status(PROBLEMS[kind].status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problemBody(kind, detail, rest)));
}
