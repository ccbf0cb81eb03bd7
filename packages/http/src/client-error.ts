import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problem';

/**
 * Answers requests Node rejects before express sees them (a URL or headers over the 16 KB
 * limit, a malformed request line) with problem+json like every other error, instead of Node's
 * bare default; a socket that is already gone is just closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const p =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'headers_too_large', 'The request URL or headers are too large')
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problem(408, 'request_timeout', 'The request took too long to arrive')
          : problem(400, 'bad_request', 'The request is malformed');
    const body = JSON.stringify(p);
    socket.end(
      `HTTP/1.1 ${p.status} ${p.title}\r\ncontent-type: application/problem+json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
