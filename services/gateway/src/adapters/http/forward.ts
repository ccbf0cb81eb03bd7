import type { Request, Response } from 'express';
import { Agent, request, type Dispatcher } from 'undici';
import { traceHeaders } from '@scorecard/telemetry';
import type { Principal } from '../../domain/principal';
import { identityHeaders } from '@scorecard/http';

/** Request headers that are safe and useful to pass upstream; everything else stays at the edge. */
const PASS_REQUEST = ['accept', 'content-type', 'if-none-match', 'x-request-id'];
/** Response headers passed back to the client (length and encoding describe the streamed bytes). */
const PASS_RESPONSE = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'etag',
  'location',
  'retry-after',
  'cache-control',
];

export class UpstreamError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unreachable',
    readonly upstream: string,
  ) {
    super(`${upstream} ${kind === 'timeout' ? 'did not answer in time' : 'is unreachable'}`);
  }
}

/**
 * Keep-alive connections to the upstreams, reused across requests (undici's pool per origin). Its
 * request API, unlike fetch, skips WHATWG Request/Response/stream objects per call, and it never
 * decompresses, so the bytes streamed back are exactly the upstream's.
 */
const upstreams = new Agent({ keepAliveTimeout: 30_000 });

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Forwards an authorised request to its service with the caller's identity and the active trace
 * (W3C traceparent), streaming the answer back. The body was already parsed and size-checked here.
 * A webhook goes without identity, with its raw body (a Buffer) and its own verification headers.
 * No answer (headers) within the timeout → UpstreamError('timeout'); once the answer streams, a
 * failure can only cut the response short.
 */
export async function forward(
  req: Request,
  res: Response,
  target: { name: string; baseUrl: string; timeoutMs: number },
  principal: Principal | undefined,
  passHeaders: readonly string[] = [],
): Promise<void> {
  const headers: Record<string, string> = {
    ...(principal ? identityHeaders(principal) : {}),
    ...traceHeaders(),
  };
  for (const h of [...PASS_REQUEST, ...passHeaders]) {
    const v = req.header(h);
    if (v) headers[h] = v;
  }
  headers['x-request-id'] = res.locals.requestId as string;
  const hasBody = !['GET', 'HEAD'].includes(req.method) && req.body !== undefined;
  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await request(new URL(req.originalUrl, target.baseUrl), {
      dispatcher: upstreams,
      method: req.method as Dispatcher.HttpMethod,
      headers,
      ...(hasBody ? { body: Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body) } : {}),
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
  } catch (err) {
    const timedOut = TIMEOUT_CODES.has((err as { code?: string }).code ?? '');
    throw new UpstreamError(timedOut ? 'timeout' : 'unreachable', target.name);
  }
  res.status(upstream.statusCode);
  for (const h of PASS_RESPONSE) {
    const v = upstream.headers[h];
    if (typeof v === 'string') res.setHeader(h, v);
  }
  // Piped by hand: stream.pipeline sets up end-of-stream watchers and an AbortController on every
  // call, ~90 µs a request at 500 rps, more than the rest of forward. Once the status line is out, a
  // failure can only cut the connection: a stalled or broken upstream ends the client's response, a
  // client gone ends the upstream read (and undici drops that connection instead of reusing it).
  const body = upstream.body;
  body.once('error', () => res.destroy());
  res.once('close', () => body.destroy());
  body.pipe(res);
}
