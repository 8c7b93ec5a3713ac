// Jest reporter: prints the fault/load/abuse suite's summary after the run (see summary.ts),
// failed parts included: a part records its numbers before asserting on them, so a part whose
// assertions failed shows what actually happened, marked FAILED. Trust-suite tests that failed
// without recording anything are listed too.
// The folder is handed to the test workers through the environment they inherit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default class TrustSummaryReporter {
  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'messagehub-trust-summary-'));
    process.env.TRUST_SUMMARY_DIR = this.dir;
    /** Failed tests of test/trust files: "file › test name". */
    this.failedTrustTests = [];
  }

  onTestResult(test, result) {
    if (!/[\\/]test[\\/]trust[\\/]/.test(result.testFilePath)) return;
    const file = path.basename(result.testFilePath);
    if (result.testExecError) this.failedTrustTests.push(`${file} › (the file could not run: ${result.testExecError.message.split('\n')[0]})`);
    for (const assertion of result.testResults) {
      if (assertion.status === 'failed') this.failedTrustTests.push(`${file} › ${assertion.fullName}`);
    }
  }

  onRunComplete() {
    const parts = readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')));
    rmSync(this.dir, { recursive: true, force: true });
    if (parts.length === 0 && this.failedTrustTests.length === 0) return;
    const lost = parts.reduce((sum, part) => sum + part.entriesLost, 0);
    const badInputs = parts.reduce((sum, part) => sum + (part.badInputs ?? 0), 0);
    const failedParts = parts.filter((part) => part.outcome !== 'passed');
    const lines = ['', '== Trust suite summary (test/trust) =='];
    for (const part of parts) {
      lines.push(`${part.outcome === 'passed' ? '' : '[FAILED] '}${part.heading}:`);
      for (const line of part.lines) lines.push(`  - ${line}`);
      if (part.entriesLost !== 0) lines.push(`  - entries lost here: ${part.entriesLost}`);
    }
    lines.push(`bad inputs tried: ${badInputs}`);
    lines.push(`entries lost: ${lost}${lost === 0 ? '' : '  <-- MUST BE 0'}`);
    if (failedParts.length > 0 || this.failedTrustTests.length > 0) {
      lines.push(`FAILED: ${failedParts.length} part(s) of the summary, ${this.failedTrustTests.length} trust test(s)`);
      for (const name of this.failedTrustTests) lines.push(`  x ${name}`);
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }

  getLastError() {
    return undefined;
  }
}
