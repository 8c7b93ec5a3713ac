// Each part of the fault/load/abuse suite reports what it proved; the summary reporter
// (summary-reporter.js) prints them together at the end of the jest run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SuiteFacts {
  /** e.g. "load held", "faults survived", "bad inputs tried". */
  heading: string;
  lines: string[];
  /** Acknowledged changes or entries that went missing: must be 0. */
  entriesLost: number;
  badInputs?: number;
}

export function reportToSummary(part: string, facts: SuiteFacts): void {
  const dir = process.env.TRUST_SUMMARY_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${part}.json`), JSON.stringify(facts));
    return;
  }
  // Run without the reporter (a single file by hand): say it here.
  process.stdout.write(`\n[trust] ${facts.heading}: ${facts.lines.join('; ')}; entries lost: ${facts.entriesLost}\n`);
}
