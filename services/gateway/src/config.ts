import { z } from 'zod';
import { commonEnv, loadConfig, portEnv, serviceUrl } from '@scorecard/config';

const schema = z
  .object({
    ...commonEnv,
    ...portEnv(4000),
    /** `dev`: HS256 tokens from POST /api/v1/auth/dev-token (local default). `oidc`: RS256/ES256 via JWKS. */
    AUTH_MODE: z.enum(['dev', 'oidc']).default('dev'),
    /** HS256 secret for dev tokens; only used in dev mode. */
    DEV_JWT_SECRET: z.string().min(32).default('scorecard-local-development-secret-change-me'),
    /** Tenant a dev token gets when the request names none. */
    DEV_DEFAULT_TENANT: z.string().default('demo'),
    /** Expected `iss` of OIDC tokens. */
    OIDC_ISSUER: z.string().url().optional(),
    /** JWKS of the issuer; defaults to `<issuer>/.well-known/jwks.json`. */
    OIDC_JWKS_URL: z.string().url().optional(),
    /** Expected `aud`. */
    OIDC_AUDIENCE: z.string().optional(),
    /** Comma-separated origins allowed by CORS (the dashboard's, when served elsewhere). */
    CORS_ORIGINS: z.string().default('http://localhost:4000,http://127.0.0.1:4000'),
    /** Requests per minute per client before 429. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
    /** Largest body of an authenticated ingest request (a batch of 5,000 events, a CSV import). */
    BODY_LIMIT: z.string().default('10mb'),
    /** Largest body of any other authenticated request. */
    AUTHENTICATED_BODY_LIMIT: z.string().default('1mb'),
    /**
     * Largest body read before the caller is authenticated (dev-token requests, signed webhooks):
     * small, so an anonymous caller cannot make the gateway buffer and parse megabytes.
     */
    PRE_AUTH_BODY_LIMIT: z.string().default('256kb'),
    /** Upstream timeout; a slow service answers 504, never hangs the client. */
    PROXY_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    REGISTRY_URL: serviceUrl('http://127.0.0.1:4001'),
    INGEST_URL: serviceUrl('http://127.0.0.1:4002'),
    COMPUTE_URL: serviceUrl('http://127.0.0.1:4003'),
    REVIEW_URL: serviceUrl('http://127.0.0.1:4004'),
    REPORTING_URL: serviceUrl('http://127.0.0.1:4005'),
    /** The dashboard's static build served at `/`; defaults to the repo's web/dist, served only when built. */
    WEB_DIST_DIR: z.string().min(1).optional(),
  })
  .refine((c) => c.AUTH_MODE === 'dev' || c.OIDC_ISSUER, {
    path: ['OIDC_ISSUER'],
    message: 'required when AUTH_MODE=oidc',
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.AUTH_MODE === 'dev'), {
    path: ['AUTH_MODE'],
    message: 'dev tokens are refused in production',
  });

export type GatewayConfig = z.output<typeof schema>;
export const loadGatewayConfig = (env?: Record<string, string | undefined>) => loadConfig(schema, env);
