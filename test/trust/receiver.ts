// A webhook receiver on 127.0.0.1 for the sink tests: checks every signature, keeps events by
// event id (counting duplicates), and can be made to fail or go away and come back on its port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, type AuditEvent } from '@hashtrail/adminjs-audit';

export interface Receiver {
  url: string;
  /** First delivery of each event, by event id, in arrival order. */
  events: Map<string, AuditEvent>;
  duplicates: number;
  requests: number;
  badSignatures: number;
  /** 'ok' answers 204; 'fail' answers 503. */
  mode: 'ok' | 'fail';
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(secret: string, port = 0): Promise<Receiver> {
  let server: Server | null = null;
  const receiver: Receiver = {
    url: '',
    events: new Map(),
    duplicates: 0,
    requests: 0,
    badSignatures: 0,
    mode: 'ok',
    down: async () => {
      const closing = server;
      server = null;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve, reject) => closing.close((error) => (error ? reject(error) : resolve())));
    },
    up: () => listen(port),
    close: () => receiver.down(),
  };

  const handle = (body: string, signature: string, timestamp: string): number => {
    receiver.requests += 1;
    const expected = Buffer.from(signWebhookBody(secret, timestamp, body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      receiver.badSignatures += 1;
      return 401;
    }
    if (receiver.mode === 'fail') return 503;
    for (const event of (JSON.parse(body) as { events: AuditEvent[] }).events) {
      if (receiver.events.has(event.eventId)) receiver.duplicates += 1;
      else receiver.events.set(event.eventId, event);
    }
    return 204;
  };

  async function listen(onPort: number): Promise<void> {
    const created = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = handle(Buffer.concat(chunks).toString('utf8'), String(req.headers[SIGNATURE_HEADER] ?? ''), String(req.headers[TIMESTAMP_HEADER] ?? ''));
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => created.listen(onPort, '127.0.0.1', resolve));
    server = created;
    port = (created.address() as AddressInfo).port;
    receiver.url = `http://127.0.0.1:${port}/audit-hook`;
  }

  await listen(port);
  return receiver;
}

/** Polls `check` until it holds or the deadline passes (then fails with `what`). */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
