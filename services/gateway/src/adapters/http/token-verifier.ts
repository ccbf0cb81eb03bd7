import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import type { JWTPayload } from 'jose';
import { UnauthorizedError } from '@scorecard/errors';
import type { GatewayConfig } from '../../config';
import { isRole, type Principal, type Role } from '../../domain/principal';
import { VerifiedTokenCache } from './verified-token-cache';

const DEV_ISSUER = 'scorecard-dev';
const DEV_AUDIENCE = 'scorecard';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** The clock expiry is judged by (tests move it); default Date.now. */
  now?: () => number;
}

// Verifications reused per token: a client sends the same token on every request until it expires.
// 60 s at most, so a key dropped from the issuer's JWKS stops being honoured about as soon as
// jose's own JWKS cache would notice; 10,000 tokens of ~1 KB bound the memory.
const CACHE = { max: 10_000, maxAgeMs: 60_000 };

/** Our claims: `sub`, `roles`, `tenant_id`, optional `employee_id`. Anything else is ignored. */
function toPrincipal(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  const tenant = payload.tenant_id;
  if (!payload.sub || typeof tenant !== 'string' || tenant === '' || roles.length === 0) {
    throw new UnauthorizedError('The token lacks sub, tenant_id or roles');
  }
  const employee = payload.employee_id;
  // Frozen: a cached principal is shared by every request that presents the same token.
  return Object.freeze({
    subject: payload.sub,
    tenantId: tenant,
    roles: Object.freeze(roles),
    ...(typeof employee === 'string' && employee !== '' ? { employeeId: employee } : {}),
  });
}

async function verifying(fn: () => Promise<JWTPayload>): Promise<{ principal: Principal; exp?: number }> {
  try {
    const payload = await fn();
    return { principal: toPrincipal(payload), ...(payload.exp === undefined ? {} : { exp: payload.exp }) };
  } catch (err) {
    if (err instanceof UnauthorizedError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The token has expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp' && err.reason === 'missing')
      throw new UnauthorizedError('The token must carry an expiry (exp)');
    if (err instanceof joseErrors.JOSEError) throw new UnauthorizedError('The token is invalid');
    throw err;
  }
}

/** `check` verifies signature and claims as of `at`; a token it passed is reused until its exp. */
function cachingVerifier(
  check: (token: string, at: Date) => Promise<JWTPayload>,
  now: () => number,
): TokenVerifier {
  const cache = new VerifiedTokenCache({ ...CACHE, now });
  return {
    verify: async (token) => {
      const hit = cache.get(token);
      if (hit !== undefined) return hit;
      const { principal, exp } = await verifying(() => check(token, new Date(now())));
      cache.set(token, principal, exp);
      return principal;
    },
  };
}

/** HS256 tokens signed by this gateway; dev mode only. */
export function devTokenVerifier(
  secret: string,
  opts: VerifierOptions = {},
): TokenVerifier & { issue(claims: DevClaims): Promise<string> } {
  const key = new TextEncoder().encode(secret);
  const verifier = cachingVerifier(
    async (token, at) =>
      (
        await jwtVerify(token, key, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: ['exp'],
          currentDate: at,
        })
      ).payload,
    opts.now ?? Date.now,
  );
  return {
    verify: (token) => verifier.verify(token),
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
  opts: VerifierOptions = {},
): TokenVerifier {
  const issuer = cfg.OIDC_ISSUER as string;
  const jwks = createRemoteJWKSet(
    new URL(cfg.OIDC_JWKS_URL ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`),
  );
  return cachingVerifier(
    async (token, at) =>
      (
        await jwtVerify(token, jwks, {
          issuer,
          algorithms: ['RS256', 'ES256'],
          // A token without exp would never expire: refused, like an expired one.
          requiredClaims: ['exp'],
          currentDate: at,
          ...(cfg.OIDC_AUDIENCE ? { audience: cfg.OIDC_AUDIENCE } : {}),
        })
      ).payload,
    opts.now ?? Date.now,
  );
}
