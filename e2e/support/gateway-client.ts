/** A reply through the gateway: status, content type and the body (parsed when it is JSON). */
export interface Reply<T = unknown> {
  status: number;
  contentType: string;
  text: string;
  body: T;
}

export interface DevClaims {
  sub: string;
  roles: string[];
  tenant_id: string;
  employee_id?: string;
}

export async function devToken(gateway: string, claims: DevClaims): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (res.status !== 200) throw new Error(`dev-token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface CallOptions {
  token?: string;
  /** A JSON-serialisable body. */
  json?: unknown;
  /** Body bytes sent as they are, with content-type application/json. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(
  gateway: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Reply<T>> {
  const body = opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let parsed: unknown = text;
  if (contentType.includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, contentType, text, body: parsed as T };
}
