// Each part of the fault/load/abuse suite reports what happened; the summary reporter
// (summary-reporter.js) prints them together at the end of the jest run.
//
// A part records its numbers BEFORE it asserts on them, marked "failed"; only once its assertions
// have passed does it mark them "passed". So a part whose assertions fail (or that throws on the
// way) still shows its real numbers in the summary, marked as failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SuiteFacts {
  /** e.g. "load held", "faults survived", "bad inputs tried". */
  heading: string;
  lines: string[];
  /** Acknowledged changes or entries that went missing, counted from what happened: must be 0. */
  entriesLost: number;
  badInputs?: number;
}

export type SuiteOutcome = 'passed' | 'failed';

export interface RecordedPart {
  /** Call after the part's assertions have passed. */
  passed(): void;
  /** Call when they did not (the facts are already recorded as failed; this prints them when there is no reporter). */
  failed(): void;
}

function write(part: string, facts: SuiteFacts, outcome: SuiteOutcome): void {
  const dir = process.env.TRUST_SUMMARY_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${part}.json`), JSON.stringify({ ...facts, outcome }));
    return;
  }
  // Run without the reporter (a single file by hand): say it here.
  const mark = outcome === 'passed' ? '' : ' [FAILED]';
  process.stdout.write(`\n[trust]${mark} ${facts.heading}: ${facts.lines.join('; ')}; entries lost: ${facts.entriesLost}\n`);
}

/** Records `facts` as failed at once; `passed()` re-records them as passed. */
export function recordSummary(part: string, facts: SuiteFacts): RecordedPart {
  if (process.env.TRUST_SUMMARY_DIR) write(part, facts, 'failed');
  return {
    passed: () => write(part, facts, 'passed'),
    failed: () => {
      if (!process.env.TRUST_SUMMARY_DIR) write(part, facts, 'failed');
    },
  };
}

/** Records `facts`, then runs `assertions`: the part is marked passed only if they do not throw. */
export async function reportThenAssert(part: string, facts: SuiteFacts, assertions: () => void | Promise<void>): Promise<void> {
  const recorded = recordSummary(part, facts);
  try {
    await assertions();
  } catch (error) {
    recorded.failed();
    throw error;
  }
  recorded.passed();
}
