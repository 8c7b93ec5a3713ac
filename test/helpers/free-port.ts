// A TCP port on 127.0.0.1 that nothing listens on right now: the kernel picks one for a listener
// that is closed again at once. (Another process could take it before the caller binds it; the
// kernel hands out ports in sequence, so that is rare enough for tests.)
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the kernel gave no port'))));
    });
  });
}
