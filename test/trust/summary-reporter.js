// Jest reporter: prints the fault/load/abuse suite's summary after the run (see summary.ts).
// The folder is handed to the test workers through the environment they inherit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default class TrustSummaryReporter {
  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'messagehub-trust-summary-'));
    process.env.TRUST_SUMMARY_DIR = this.dir;
  }

  onRunComplete() {
    const parts = readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')));
    rmSync(this.dir, { recursive: true, force: true });
    if (parts.length === 0) return;
    const lost = parts.reduce((sum, part) => sum + part.entriesLost, 0);
    const badInputs = parts.reduce((sum, part) => sum + (part.badInputs ?? 0), 0);
    const lines = ['', '== Trust suite summary (test/trust) =='];
    for (const part of parts) {
      lines.push(`${part.heading}:`);
      for (const line of part.lines) lines.push(`  - ${line}`);
    }
    lines.push(`bad inputs tried: ${badInputs}`);
    lines.push(`entries lost: ${lost}${lost === 0 ? '' : '  <-- MUST BE 0'}`);
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }

  getLastError() {
    return undefined;
  }
}
