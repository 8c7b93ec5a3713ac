// The engine case set's exporting admin, as a program of its own: it downloads CSV exports of
// every entry back to back until a deadline and prints one JSON line per export, then its CPU
// time. A real admin downloads in their own browser; run inside the bench's process, reading
// 100,000-row files took the event loop that times the other 20 admins, and their answers waited
// for it on the client, not in the app.
//
//   node --import tsx bench/export-reader.ts <app url> <session cookie> <deadline, ms since the epoch>
//   → {"rows":100023,"seconds":2.1} … one per export, or {"error":"…"}; last {"cpuMs":1234}
import http from 'node:http';

/** What the program prints for one export. */
export type ExportLine = { rows: number; seconds: number } | { error: string };

/**
 * Rows of a CSV export (records, not lines: a quoted value may hold a newline), the header left
 * out. Read with node:http on the bytes, with native searches. No UTF-8 sequence holds a quote or
 * newline byte; an escaped quote ("") opens and closes again. Rejects when the file does not end
 * normally (the app cuts it off when the export's entry cannot be committed).
 */
function readExport(base: string, cookie: string): Promise<{ rows: number; seconds: number }> {
  const QUOTE = 34;
  const NEWLINE = 10;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/admin/audit-logs/export?format=csv`, { headers: { cookie } }, (response) => {
      if (response.statusCode !== 200) {
        let body = '';
        response.setEncoding('utf8').on('data', (text: string) => (body += text));
        response.on('end', () => reject(new Error(`export answered HTTP ${response.statusCode}: ${body.slice(0, 200)}`)));
        return;
      }
      let records = 0;
      let quoted = false;
      response.on('data', (chunk: Buffer) => {
        for (let at = 0; at < chunk.length; ) {
          const quote = chunk.indexOf(QUOTE, at);
          if (quoted) {
            if (quote === -1) break;
            quoted = false;
            at = quote + 1;
            continue;
          }
          const newline = chunk.indexOf(NEWLINE, at);
          if (newline !== -1 && (quote === -1 || newline < quote)) {
            records += 1;
            at = newline + 1;
          } else if (quote !== -1) {
            quoted = true;
            at = quote + 1;
          } else break;
        }
      });
      response.on('error', () => undefined); // reported by 'close' below
      response.on('close', () => {
        if (response.complete) resolve({ rows: Math.max(0, records - 1), seconds: (performance.now() - started) / 1000 });
        else reject(new Error(`the export was cut off after ${records} lines`));
      });
    });
    request.on('error', reject);
  });
}

async function main(): Promise<void> {
  const [base, cookie, deadlineText] = process.argv.slice(2);
  const deadline = Number(deadlineText);
  if (!base || !cookie || !Number.isFinite(deadline)) throw new Error('usage: export-reader.ts <app url> <session cookie> <deadline ms>');
  const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  // At least one export, then back to back until the deadline.
  do {
    try {
      print(await readExport(base, cookie));
    } catch (error) {
      print({ error: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200) });
    }
  } while (Date.now() < deadline);
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  print({ cpuMs: (userCPUTime + systemCPUTime) / 1000 });
}

main().catch((error: unknown) => {
  process.stderr.write(`export-reader failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
