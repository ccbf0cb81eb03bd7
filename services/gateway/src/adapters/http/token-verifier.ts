import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import type { JWTPayload } from 'jose';
import { UnauthorizedError } from '@scorecard/errors';
import type { GatewayConfig } from '../../config';
import { isRole, type Principal, type Role } from '../../domain/principal';

const DEV_ISSUER = 'scorecard-dev';
const DEV_AUDIENCE = 'scorecard';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Our claims: `sub`, `roles`, `tenant_id`, optional `employee_id`. Anything else is ignored. */
function toPrincipal(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  const tenant = payload.tenant_id;
  if (!payload.sub || typeof tenant !== 'string' || tenant === '' || roles.length === 0) {
    throw new UnauthorizedError('The token lacks sub, tenant_id or roles');
  }
  const employee = payload.employee_id;
  return {
    subject: payload.sub,
    tenantId: tenant,
    roles,
    ...(typeof employee === 'string' && employee !== '' ? { employeeId: employee } : {}),
  };
}

async function verifying(fn: () => Promise<JWTPayload>): Promise<Principal> {
  try {
    return toPrincipal(await fn());
  } catch (err) {
    if (err instanceof UnauthorizedError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The token has expired');
    if (err instanceof joseErrors.JOSEError) throw new UnauthorizedError('The token is invalid');
    throw err;
  }
}

/** HS256 tokens signed by this gateway; dev mode only. */
export function devTokenVerifier(
  secret: string,
): TokenVerifier & { issue(claims: DevClaims): Promise<string> } {
  const key = new TextEncoder().encode(secret);
  return {
    verify: (token) =>
      verifying(
        async () =>
          (await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] }))
            .payload,
      ),
    issue: (c) =>
      new SignJWT({
        roles: c.roles,
        tenant_id: c.tenantId,
        ...(c.employeeId ? { employee_id: c.employeeId } : {}),
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(c.subject)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(c.expiresIn ?? '8h')
        .sign(key),
  };
}

export interface DevClaims {
  subject: string;
  roles: readonly Role[];
  tenantId: string;
  employeeId?: string | undefined;
  expiresIn?: string | number;
}

/** RS256/ES256 tokens from the configured OIDC issuer, keys from its JWKS (cached, rotated by kid). */
export function oidcVerifier(
  cfg: Pick<GatewayConfig, 'OIDC_ISSUER' | 'OIDC_JWKS_URL' | 'OIDC_AUDIENCE'>,
): TokenVerifier {
  const issuer = cfg.OIDC_ISSUER as string;
  const jwks = createRemoteJWKSet(
    new URL(cfg.OIDC_JWKS_URL ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`),
  );
  return {
    verify: (token) =>
      verifying(
        async () =>
          (
            await jwtVerify(token, jwks, {
              issuer,
              algorithms: ['RS256', 'ES256'],
              ...(cfg.OIDC_AUDIENCE ? { audience: cfg.OIDC_AUDIENCE } : {}),
            })
          ).payload,
      ),
  };
}
