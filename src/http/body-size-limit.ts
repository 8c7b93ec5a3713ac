// MAX_BODY_BYTES for every request body, whatever parses it. The AdminJS router's form parser
// (formidable 1.x) applies its size limit to multipart bodies only: a URL-encoded body of any size
// went through and was saved. Declared lengths over the limit get 413 before any parsing; a
// chunked body is counted as it arrives and, once over, paused (so no handler ever sees it
// complete and acts on it), answered 413 and its connection closed.
import type { RequestHandler } from 'express';

export function bodySizeLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > maxBytes) {
        res.setHeader('Connection', 'close');
        res.status(413).type('text/plain').send('Request too large.');
        return;
      }
      next(); // Node's parser stops a body at its declared length: nothing more can arrive
      return;
    }
    // Counted where the chunks are handed out (emit), not with a 'data' listener of our own: that
    // would start the stream flowing before the parser listens, and the parser would miss chunks.
    let received = 0;
    let refused = false;
    const emit = req.emit.bind(req) as (event: string | symbol, ...args: unknown[]) => boolean;
    req.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'data' && !refused) {
        received += (args[0] as Buffer).length;
        if (received > maxBytes) {
          refused = true;
          req.pause();
          if (!res.headersSent) {
            res.setHeader('Connection', 'close');
            res.status(413).type('text/plain').send('Request too large.');
          }
          res.once('finish', () => req.socket.destroy());
          return true; // this chunk, and so the body, never reaches the parser
        }
      }
      // Nor does its end: a parser that saw 'end' would act on a body it never fully received.
      if (refused && (event === 'data' || event === 'end')) return true;
      return emit(event, ...args);
    }) as typeof req.emit;
    next();
  };
}
