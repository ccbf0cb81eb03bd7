import { createHmac } from 'node:crypto';

// The gateway's dev-mode defaults (services/gateway config and token verifier): forging tokens with
// them shows that an expired token, a changed payload or a foreign issuer gets nothing, even when
// the signature itself is good.
const DEV_SECRET = 'scorecard-local-development-secret-change-me';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signHs256(payload: Record<string, unknown>, secret = DEV_SECRET): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export function badTokens(tenantId: string): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: 'mallory',
    roles: ['hr'],
    tenant_id: tenantId,
    aud: 'scorecard',
    iss: 'scorecard-dev',
  };
  const good = signHs256({ ...claims, iat: now, exp: now + 3600 });
  const [head, , sig] = good.split('.');
  return {
    expired: signHs256({ ...claims, iat: now - 7200, exp: now - 3600 }),
    'no expiry': signHs256({ ...claims, iat: now }),
    tampered: `${head}.${b64url({ ...claims, roles: ['admin', 'hr'], iat: now, exp: now + 3600 })}.${sig}`,
    'wrong issuer': signHs256({ ...claims, iss: 'https://evil.example', iat: now, exp: now + 3600 }),
    'wrong secret': signHs256({ ...claims, iat: now, exp: now + 3600 }, 'x'.repeat(48)),
    'alg none': `${b64url({ alg: 'none' })}.${b64url({ ...claims, exp: now + 3600 })}.`,
    garbage: 'not.a.jwt',
  };
}
