import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { z } from 'zod';
import { ConflictError } from '@scorecard/errors';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { createServiceApp } from './service-app';
import { parseWith } from './validate';

let server: Server;
let base: string;
let dbUp = true;

beforeAll(async () => {
  const { app } = createServiceApp({
    service: 'test',
    logger: createLogger({ service: 'test', level: 'silent' }),
    metrics: createMetrics('test'),
    bodyLimit: '1kb',
    rawBodyPaths: ['/hooks/signed'],
    readiness: [
      {
        name: 'db',
        check: () => (dbUp ? Promise.resolve() : Promise.reject(new Error('connection refused'))),
      },
    ],
    routes: (a) => {
      a.post('/things', (req, res) => {
        const body = parseWith(z.object({ name: z.string(), n: z.number().int() }).strict(), req.body);
        res.status(201).json(body);
      });
      a.post('/hooks/signed', (req, res) => {
        const body = req.body as Buffer;
        res.json({ raw: Buffer.isBuffer(body), text: body.toString('utf8') });
      });
      a.post('/conflict', () => {
        throw new ConflictError('period is finalized');
      });
      a.get('/boom', () => {
        throw new Error('secret internals');
      });
    },
  });
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const post = (path: string, body: string) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('service app', () => {
  it('accepts a valid body', async () => {
    const res = await post('/things', '{"name":"a","n":2}');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: 'a', n: 2 });
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('names each invalid field in problem+json', async () => {
    const res = await post('/things', '{"name":1,"n":1.5,"zzz":true}');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { errors: { path: string }[]; status: number; title: string };
    expect(body.status).toBe(400);
    expect(body.title).toBe('Bad Request');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['n', 'name', 'zzz']);
  });

  it('reports malformed JSON and oversized bodies as 4xx', async () => {
    const bad = await post('/things', '{"name":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('malformed_json');
    const big = await post('/things', JSON.stringify({ name: 'x'.repeat(5000), n: 1 }));
    expect(big.status).toBe(413);
  });

  it('refuses the NUL character (Postgres cannot store it) in the URL or any body string', async () => {
    const inBody = await post('/things', JSON.stringify({ name: 'a\u0000b', n: 1 }));
    expect(inBody.status).toBe(400);
    expect(((await inBody.json()) as { errors: { path: string }[] }).errors).toEqual([
      { path: 'name', message: 'must not contain the NUL character' },
    ]);
    const inUrl = await post('/things?x=%00', '{"name":"a","n":1}');
    expect(inUrl.status).toBe(400);
    expect(inUrl.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps the exact bytes of raw-body paths and parses JSON elsewhere', async () => {
    const sent = '{ "b":1,  "a" : [2] }';
    const res = await post('/hooks/signed', sent);
    expect(await res.json()).toEqual({ raw: true, text: sent });
    const parsed = await post('/things', '{ "name":"x",  "n": 3 }');
    expect(await parsed.json()).toEqual({ name: 'x', n: 3 });
  });

  it('maps application errors and hides internals of unexpected ones', async () => {
    const c = await post('/conflict', '{}');
    expect(c.status).toBe(409);
    expect(((await c.json()) as { detail: string }).detail).toBe('period is finalized');
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain('secret');
  });

  it('keeps the caller request id and 404s unknown routes', async () => {
    const res = await fetch(`${base}/nope`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { request_id: string }).request_id).toBe('abc-123');
  });

  it('is ready only when its dependencies answer', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    dbUp = false;
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: { error: string }[] }).checks[0]?.error).toBe(
      'connection refused',
    );
    dbUp = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(
      'scorecard_http_request_duration_seconds',
    );
  });
});
