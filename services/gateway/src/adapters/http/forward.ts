import type { Request, Response } from 'express';
import { traceHeaders } from '@scorecard/telemetry';
import type { Principal } from '../../domain/principal';
import { identityHeaders } from '@scorecard/http';

/** Request headers that are safe and useful to pass upstream; everything else stays at the edge. */
const PASS_REQUEST = ['accept', 'content-type', 'if-none-match', 'x-request-id'];
/** Response headers passed back to the client. */
const PASS_RESPONSE = [
  'content-type',
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
 * Forwards an authorised request to its service with the caller's identity and the active trace
 * (W3C traceparent), streaming the answer back. The body was already parsed and size-checked here.
 * A webhook goes without identity, with its raw body (a Buffer) and its own verification headers.
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
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(new URL(req.originalUrl, target.baseUrl), {
      method: req.method,
      headers,
      ...(hasBody ? { body: Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body) } : {}),
      signal: AbortSignal.timeout(target.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    throw new UpstreamError(timedOut ? 'timeout' : 'unreachable', target.name);
  }
  res.status(upstream.status);
  for (const h of PASS_RESPONSE) {
    const v = upstream.headers.get(h);
    if (v) res.setHeader(h, v);
  }
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
