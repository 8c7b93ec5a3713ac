// Export: rows per second and the app's peak memory while streaming a big filtered export.
import { memoryOf, type RunningServer } from './servers.js';
import type { Session } from './http-client.js';

export interface ExportResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

export async function benchExport(server: RunningServer, session: Session, query: Record<string, string>): Promise<ExportResult> {
  const pid = server.process.pid!;
  let peak = memoryOf(pid).rssMb;
  // VmHWM would include start-up; sampling RSS every 50 ms catches the export's own peak.
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMb);
    } catch {
      // process gone: the fetch below reports it
    }
  }, 50);
  const started = performance.now();
  let lines = 0;
  try {
    const response = await fetch(`${session.base}/admin/audit-logs/export?${new URLSearchParams(query)}`, { headers: { cookie: session.cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export answered HTTP ${response.status}: ${await response.text()}`);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  // CSV: one header line. (Quoted values never hold a raw newline in these rows.)
  const rows = Math.max(0, lines - 1);
  return { rows, seconds, rowsPerSecond: rows / seconds, peakRssMb: peak };
}
