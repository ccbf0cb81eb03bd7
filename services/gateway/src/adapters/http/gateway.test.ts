import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { createServiceApp } from '@scorecard/http';
import { loadGatewayConfig } from '../../config';
import { gatewayRoutes } from './routes';
import { devTokenVerifier, oidcVerifier } from './token-verifier';

const servers: Server[] = [];
const listen = async (s: Server) => {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** Stands in for an upstream service: echoes what the gateway forwarded. */
const seen: { url?: string; headers?: Record<string, unknown>; body?: string } = {};
const upstream = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    Object.assign(seen, { url: req.url, headers: req.headers, body });
    res
      .writeHead(202, { 'content-type': 'application/json', 'x-internal-secret': 'no' })
      .end('{"accepted":1}');
  });
});

let upstreamUrl: string | undefined;
async function gateway(env: Record<string, string>) {
  const up = (upstreamUrl ??= await listen(upstream));
  const config = loadGatewayConfig({ INGEST_URL: up, REPORTING_URL: up, LOG_LEVEL: 'silent', ...env });
  const dev = config.AUTH_MODE === 'dev' ? devTokenVerifier(config.DEV_JWT_SECRET) : undefined;
  const { app } = createServiceApp({
    service: 'gateway',
    logger: createLogger({ service: 'gateway', level: 'silent' }),
    metrics: createMetrics('gateway'),
    readiness: [],
    parseBodies: false,
    routes: gatewayRoutes({
      config,
      verifier: dev ?? oidcVerifier(config),
      ...(dev ? { issueDevToken: dev.issue } : {}),
    }),
  });
  return { base: await listen(createServer(app)), dev };
}

describe('gateway in dev auth mode', () => {
  let base: string;
  let dev: ReturnType<typeof devTokenVerifier> | undefined;
  beforeAll(async () => ({ base, dev } = await gateway({})));

  const token = async (roles: string[], extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'u1', roles, tenant_id: 't1', ...extra }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const call = (path: string, tok?: string, init: RequestInit = {}) =>
    fetch(base + path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
    });

  it('forwards an authorised request with identity and trace headers, not the token', async () => {
    const tok = await token(['admin'], { employee_id: 'e9' });
    const res = await call('/api/v1/ingest/events?x=1', tok, { method: 'POST', body: '{"events":[]}' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1 });
    expect(res.headers.get('x-internal-secret')).toBeNull();
    expect(seen.url).toBe('/api/v1/ingest/events?x=1');
    expect(seen.body).toBe('{"events":[]}');
    expect(seen.headers?.['x-scorecard-tenant']).toBe('t1');
    expect(seen.headers?.['x-scorecard-roles']).toBe('admin');
    expect(seen.headers?.['x-scorecard-employee']).toBe('e9');
    expect(seen.headers?.authorization).toBeUndefined();
  });

  it('forwards the webhook paths without a token: exact bytes, verification headers, no identity', async () => {
    // Spacing, key order and a unicode escape that re-serialised JSON would all change.
    const raw = '{ "type":"zen:event-type:ticket.created",  "detail": {"subject":"caf\\u00e9"} }';
    const res = await fetch(`${base}/api/v1/ingest/webhooks/zendesk`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': 'c2lnbmF0dXJl',
        'x-zendesk-webhook-signature-timestamp': '2026-03-02T10:00:00Z',
        // Spoofed identity never reaches the service.
        'x-scorecard-tenant': 'evil',
        'x-scorecard-roles': 'admin',
      },
      body: raw,
    });
    expect(res.status).toBe(202);
    expect(seen.url).toBe('/api/v1/ingest/webhooks/zendesk');
    expect(seen.body).toBe(raw);
    expect(seen.headers?.['x-zendesk-webhook-signature']).toBe('c2lnbmF0dXJl');
    expect(seen.headers?.['x-zendesk-webhook-signature-timestamp']).toBe('2026-03-02T10:00:00Z');
    expect(seen.headers?.['x-scorecard-tenant']).toBeUndefined();
    expect(seen.headers?.['x-scorecard-roles']).toBeUndefined();

    const basic = `Basic ${Buffer.from('key:X').toString('base64')}`;
    const fd = await call('/api/v1/ingest/webhooks/freshdesk', undefined, {
      method: 'POST',
      body: '{"ticket_id":1}',
    });
    expect(fd.status).toBe(202);
    const fd2 = await fetch(`${base}/api/v1/ingest/webhooks/freshdesk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: '{"ticket_id": 1}',
    });
    expect(fd2.status).toBe(202);
    expect(seen.headers?.authorization).toBe(basic);
    expect(seen.body).toBe('{"ticket_id": 1}');
    // Everything else under /ingest still needs a token; a path no operation has is not forwarded.
    expect((await call('/api/v1/ingest/events', undefined, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(
      (await call('/api/v1/ingest/webhooks/other', undefined, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
  });

  it('forwards a CSV import as the bytes sent, with its content type, to hr and admin only', async () => {
    const csv = 'Id,Opened\r\n"t,1",2026-10-01\r\n';
    const post = async (roles: string[]) =>
      fetch(`${base}/api/v1/ingest/imports/ticketing/ticket?map=Id%3Did&dry_run=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${await token(roles)}` },
        body: csv,
      });
    expect((await post(['hr'])).status).toBe(202);
    expect(seen.url).toBe('/api/v1/ingest/imports/ticketing/ticket?map=Id%3Did&dry_run=true');
    expect(seen.body).toBe(csv);
    expect(seen.headers?.['content-type']).toBe('text/csv');
    expect((await post(['manager'])).status).toBe(403);
  });

  it('still parses JSON on ordinary routes', async () => {
    const tok = await token(['admin']);
    await call('/api/v1/ingest/events', tok, { method: 'POST', body: '{ "events" : [] }' });
    expect(seen.body).toBe('{"events":[]}');
  });

  it('reads no body before authenticating: an anonymous 9 MB body gets 401, a signed-in one is read', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(9 * 1024 * 1024) });
    const anonymous = await call('/api/v1/ingest/events', undefined, { method: 'POST', body: big });
    expect(anonymous.status).toBe(401);
    delete seen.body;
    const res = await call('/api/v1/ingest/events', await token(['admin']), { method: 'POST', body: big });
    expect(res.status).toBe(202);
    expect(seen.body).toHaveLength(big.length);
  });

  it('limits bodies by who is asking: 256 KB before authentication, 1 MB signed in, 10 MB for ingest', async () => {
    const body = (kb: number) => JSON.stringify({ note: 'x'.repeat(kb * 1024) });
    const devToken = (pad: number) =>
      call('/api/v1/auth/dev-token', undefined, {
        method: 'POST',
        body: JSON.stringify({ sub: 'u', roles: ['hr'], pad: 'x'.repeat(pad * 1024) }),
      });
    // 200 KB is read and validated (the pad field is unknown: 400); 300 KB is not read at all.
    expect((await devToken(200)).status).toBe(400);
    expect((await devToken(300)).status).toBe(413);
    const hook = (kb: number) =>
      call('/api/v1/ingest/webhooks/freshdesk', undefined, { method: 'POST', body: body(kb) });
    expect((await hook(200)).status).toBe(202);
    expect((await hook(300)).status).toBe(413);
    const adminTok = await token(['admin']);
    const kpi = (kb: number) => call('/api/v1/admin/kpis', adminTok, { method: 'POST', body: body(kb) });
    expect((await kpi(1100)).status).toBe(413);
    const ingest = (kb: number) =>
      call('/api/v1/ingest/events', adminTok, { method: 'POST', body: body(kb) });
    expect((await ingest(1100)).status).toBe(202);
  });

  it('refuses a deeply nested body with a 400 naming the nesting, before and after authentication', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const anon = await call('/api/v1/auth/dev-token', undefined, { method: 'POST', body: deep });
    expect(anon.status).toBe(400);
    expect(JSON.stringify(await anon.json())).toContain('levels deep');
    const signedIn = await call('/api/v1/ingest/events', await token(['admin']), {
      method: 'POST',
      body: deep,
    });
    expect(signedIn.status).toBe(400);
  });

  it('rejects a wrong role with 403 and no token with 401', async () => {
    const res = await call('/api/v1/ingest/events', await token(['employee']), {
      method: 'POST',
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('/api/v1/reports/trends')).status).toBe(401);
  });

  it('rejects expired, tampered and foreign-issuer tokens', async () => {
    const expired = await dev!.issue({
      subject: 'u',
      roles: ['hr'],
      tenantId: 't1',
      expiresIn: Math.floor(Date.now() / 1000) - 10,
    });
    const r1 = await call('/api/v1/reports/trends', expired);
    expect(r1.status).toBe(401);
    expect(((await r1.json()) as { detail: string }).detail).toBe('The token has expired');
    const good = await token(['hr']);
    const [h, p, s] = good.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), tenant_id: 'other' }),
    ).toString('base64url');
    expect((await call('/api/v1/reports/trends', `${h}.${forged}.${s}`)).status).toBe(401);
    const foreign = await new SignJWT({ roles: ['hr'], tenant_id: 't1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('someone-else')
      .setAudience('scorecard')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('scorecard-local-development-secret-change-me'));
    expect((await call('/api/v1/reports/trends', foreign)).status).toBe(401);
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/api/v1/ingest/events'] ?? {})).toEqual(['post']);
  });

  it('validates the dev-token body and tells 404 from 405', async () => {
    const bad = await fetch(`${base}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sub":"u","roles":["king"]}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('roles[0]');
    expect((await call('/api/v1/nowhere', await token(['hr']))).status).toBe(404);
    expect((await call('/api/v1/audit', await token(['hr']), { method: 'DELETE' })).status).toBe(405);
  });
});

describe('gateway in OIDC mode', () => {
  it('accepts RS256 tokens from the configured issuer JWKS and refuses dev tokens', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const issuer = await listen(
      createServer((_q, r) =>
        r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
      ),
    );
    const { base } = await gateway({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      OIDC_AUDIENCE: 'scorecard-api',
    });
    const sign = (iss: string) =>
      new SignJWT({ roles: ['exec'], tenant_id: 'acme' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('boss')
        .setIssuer(iss)
        .setAudience('scorecard-api')
        .setExpirationTime('5m')
        .sign(privateKey);
    const ok = await fetch(`${base}/api/v1/reports/trends`, {
      headers: { authorization: `Bearer ${await sign(issuer)}` },
    });
    expect(ok.status).toBe(202);
    expect(seen.headers?.['x-scorecard-tenant']).toBe('acme');
    const wrongIss = await fetch(`${base}/api/v1/reports/trends`, {
      headers: { authorization: `Bearer ${await sign('https://evil.example')}` },
    });
    expect(wrongIss.status).toBe(401);
    const devTok = await fetch(`${base}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sub":"u","roles":["admin"]}',
    });
    expect(devTok.status).toBe(404);
  });
});

describe('forwarding', () => {
  /** Answers GET /api/v1/reports/* with a body of `size` bytes, after `delayMs`; records client ports. */
  const ports: number[] = [];
  let delayMs = 0;
  const reporting = createServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    setTimeout(() => {
      const body = Buffer.alloc(256 * 1024, 'x');
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) }).end(body);
    }, delayMs).unref();
  });
  let reportingUrl: string | undefined;
  const reportingAt = async () => (reportingUrl ??= await listen(reporting));

  it('streams the answer back whole, with its length, over one kept-alive upstream connection', async () => {
    const { base, dev } = await gateway({ REPORTING_URL: await reportingAt() });
    const tok = await dev!.issue({ subject: 'u', roles: ['hr'], tenantId: 't1' });
    ports.length = 0;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/api/v1/reports/trends`, {
        headers: { authorization: `Bearer ${tok}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(256 * 1024));
      expect(res.headers.get('content-type')).toBe('text/csv');
      expect((await res.arrayBuffer()).byteLength).toBe(256 * 1024);
    }
    expect(new Set(ports).size).toBe(1);
  });

  it('cuts the response when the upstream breaks off mid-answer, and carries on serving', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '100000' });
      res.write('partial,');
      setTimeout(() => res.destroy(), 20);
    });
    const { base, dev } = await gateway({
      REPORTING_URL: await listen(broken),
      INGEST_URL: await reportingAt(),
    });
    const tok = await dev!.issue({ subject: 'u', roles: ['hr', 'admin'], tenantId: 't1' });
    const res = await fetch(`${base}/api/v1/reports/trends`, { headers: { authorization: `Bearer ${tok}` } });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    delayMs = 0;
    const next = await fetch(`${base}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(next.status).toBe(200);
    expect((await next.arrayBuffer()).byteLength).toBe(256 * 1024);
  });

  it('answers 504 when the upstream is too slow and 502 when it is unreachable', async () => {
    // undici checks its header timeout on a ~1 s tick, so the upstream must be slower than that.
    delayMs = 3000;
    const slow = await gateway({ REPORTING_URL: await reportingAt(), PROXY_TIMEOUT_MS: '100' });
    const tok = await slow.dev!.issue({ subject: 'u', roles: ['hr'], tenantId: 't1' });
    const late = await fetch(`${slow.base}/api/v1/reports/trends`, {
      headers: { authorization: `Bearer ${tok}` },
    });
    expect(late.status).toBe(504);
    expect(((await late.json()) as { code: string }).code).toBe('upstream_timeout');
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    const down = await gateway({ REPORTING_URL: 'http://127.0.0.1:9' });
    const gone = await fetch(`${down.base}/api/v1/reports/trends`, {
      headers: { authorization: `Bearer ${tok}` },
    });
    expect(gone.status).toBe(502);
    expect(((await gone.json()) as { code: string }).code).toBe('upstream_unreachable');
  });
});
