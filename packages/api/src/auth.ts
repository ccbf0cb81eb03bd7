import { z } from 'zod';
import type { ApiOperation } from './operation';

export const ROLES = ['employee', 'manager', 'hr', 'exec', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const devTokenBody = z
  .object({
    sub: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLES)).min(1),
    tenant_id: z.string().min(1).max(100).optional(),
    employee_id: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Served by the gateway itself, without a token. */
export const devTokenOperation: ApiOperation = {
  method: 'POST',
  path: '/api/v1/auth/dev-token',
  summary: 'Issue a signed token for any claims (only in dev auth mode, the local default; 404 otherwise)',
  tag: 'auth',
  body: devTokenBody,
  ok: { schema: z.object({ token: z.string() }) },
};

/** Served by the gateway itself, without a token. */
export const openApiOperation: ApiOperation = {
  method: 'GET',
  path: '/api/v1/openapi.json',
  summary: 'This OpenAPI 3.1 document',
  tag: 'meta',
};
