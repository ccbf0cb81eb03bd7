import { execFileSync } from 'node:child_process';
import { gatewayOpenApiDocument } from '../../domain/openapi-document';
import { GATEWAY_OPERATIONS, ROUTES } from '../../domain/route-table';

type Operation = {
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};
/**
 * @seriousme/openapi-schema-validator is ESM-only (it reads its schemas via import.meta), which
 * Jest's CommonJS loader cannot load, so it runs in a child Node process.
 */
function validate(document: unknown): { version: string; valid: boolean } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const v = new Validator();
    const r = await v.validate(JSON.parse(Buffer.concat(chunks).toString()));
    if (!r.valid) console.error(JSON.stringify(r.errors).slice(0, 2000));
    console.log(JSON.stringify({ version: v.version, valid: r.valid }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: __dirname,
    input: JSON.stringify(document),
  });
  return JSON.parse(out.toString()) as { version: string; valid: boolean };
}

const doc = gatewayOpenApiDocument();
const paths = doc.paths as Record<string, Record<string, Operation>>;
const operation = (method: string, path: string) => paths[path]?.[method] as Operation;
const documented = Object.entries(paths).flatMap(([path, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect(validate(doc)).toEqual({ version: '3.1', valid: true });
    // The validator does reject a broken document: a parameter in no known location.
    const broken = structuredClone(doc);
    const params = broken.paths?.['/api/v1/audit']?.get?.parameters as { in: string }[];
    (params[0] as { in: string }).in = 'body';
    expect(validate(broken).valid).toBe(false);
  });

  it('has exactly one operation per route-table entry, plus the gateway’s own, and nothing else', () => {
    const routed = ROUTES.map((r) => `${r.method} /api/v1${r.pattern}`);
    const own = GATEWAY_OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(new Set(routed).size).toBe(routed.length);
    expect(documented.sort()).toEqual([...routed, ...own].sort());
  });

  it('lists each operation’s roles from the route table, and requires a bearer token for it', () => {
    for (const r of ROUTES.filter((route) => !route.webhook)) {
      const op = operation(r.method.toLowerCase(), `/api/v1${r.pattern}`);
      expect([r.pattern, op['x-roles'], op.security]).toEqual([r.pattern, r.roles, [{ bearerAuth: [] }]]);
    }
    expect(operation('post', '/api/v1/review/periods/{id}/finalize')['x-roles']).toEqual(['hr', 'exec']);
  });

  it('needs no token for the webhooks, the dev token and this document', () => {
    const open = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        op.security?.length === 0 ? [`${method.toUpperCase()} ${path}`] : [],
      ),
    );
    expect(open.sort()).toEqual([
      'GET /api/v1/openapi.json',
      'POST /api/v1/auth/dev-token',
      'POST /api/v1/ingest/webhooks/freshdesk',
      'POST /api/v1/ingest/webhooks/zendesk',
    ]);
    expect(doc.components?.securitySchemes?.['bearerAuth']).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('answers errors as problem+json, with the statuses each operation can give', () => {
    const create = operation('post', '/api/v1/admin/kpis');
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '403', '409', '413', '422', '429']);
    expect(Object.keys(create.responses['422']?.content ?? {})).toEqual(['application/problem+json']);
    const webhook = operation('post', '/api/v1/ingest/webhooks/zendesk');
    expect(Object.keys(webhook.responses)).toEqual(['202', '400', '413', '429']);
  });

  it('describes request bodies with the fields CONTRACT.md names', () => {
    const body = (method: string, path: string) =>
      operation(method, path).requestBody?.content['application/json']?.schema;
    expect(body('post', '/api/v1/review/scorecards/{id}/overrides')?.required).toEqual([
      'entity_type',
      'new_score',
      'reason',
    ]);
    expect(body('post', '/api/v1/journal/entries/{id}/decision')?.required).toEqual(['decision', 'reason']);
    expect(body('post', '/api/v1/auth/dev-token')?.required).toEqual(['sub', 'roles']);
  });
});
