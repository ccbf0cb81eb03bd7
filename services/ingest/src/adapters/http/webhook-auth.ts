import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '@scorecard/errors';

export const ZENDESK_SIGNATURE = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP = 'x-zendesk-webhook-signature-timestamp';

type TenantSecrets = Readonly<Record<string, string>>;

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Zendesk's signature: base64 HMAC-SHA256, keyed by the webhook's secret, of timestamp + body. */
export const zendeskSignature = (secret: string, timestamp: string, body: Buffer) =>
  createHmac('sha256', secret).update(timestamp).update(body).digest('base64');

/**
 * Authenticates a Zendesk webhook and says whose it is: the tenant whose secret produced the
 * signature. A missing or wrong signature, or a timestamp outside the replay window, is a 401.
 * A replay inside the window is harmless: the event's (id, version) makes it a duplicate.
 */
export function authenticateZendesk(
  secrets: TenantSecrets,
  header: (name: string) => string | undefined,
  body: Buffer,
  opts: { now: Date; windowSeconds: number },
): string {
  const signature = header(ZENDESK_SIGNATURE);
  const timestamp = header(ZENDESK_TIMESTAMP);
  if (!signature || !timestamp)
    throw new UnauthorizedError('A Zendesk webhook signature and timestamp are required');
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(opts.now.getTime() - at) > opts.windowSeconds * 1_000) {
    throw new UnauthorizedError('The webhook timestamp is outside the replay window');
  }
  const given = Buffer.from(signature, 'base64');
  for (const [tenantId, secret] of Object.entries(secrets)) {
    if (sameBytes(given, Buffer.from(zendeskSignature(secret, timestamp, body), 'base64'))) return tenantId;
  }
  throw new UnauthorizedError('The webhook signature does not match');
}

/**
 * Authenticates a Freshdesk webhook: Freshdesk signs nothing, but its webhook action sends HTTP
 * Basic credentials — either a username/password (the secret is the password) or an API key
 * (the key is the username, the password "X").
 */
export function authenticateFreshdesk(secrets: TenantSecrets, authorization: string | undefined): string {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
  if (!m?.[1]) throw new UnauthorizedError('Freshdesk webhook credentials (HTTP Basic) are required');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  const [user, password] = sep < 0 ? [decoded, ''] : [decoded.slice(0, sep), decoded.slice(sep + 1)];
  const given = Buffer.from(password === 'X' ? user : password);
  for (const [tenantId, secret] of Object.entries(secrets)) {
    if (sameBytes(given, Buffer.from(secret))) return tenantId;
  }
  throw new UnauthorizedError('The Freshdesk webhook credentials do not match');
}
