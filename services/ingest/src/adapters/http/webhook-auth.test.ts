import { UnauthorizedError } from '@scorecard/errors';
import {
  authenticateFreshdesk,
  authenticateZendesk,
  zendeskSignature,
  ZENDESK_SIGNATURE,
  ZENDESK_TIMESTAMP,
} from './webhook-auth';

const secrets = { acme: 'dGhpcyBpcyBhIHNlY3JldCBmb3IgYWNtZQ==', globex: 'another-secret-of-globex-1234' };
const body = Buffer.from('{"type":"zen:event-type:ticket.status_changed","detail":{"id":"1"}}');
const now = new Date('2026-03-02T10:00:00Z');
const at = '2026-03-02T09:58:30Z';
const headersOf = (h: Record<string, string>) => (name: string) => h[name];
const zendesk = (h: Record<string, string>, b = body, windowSeconds = 300) =>
  authenticateZendesk(secrets, headersOf(h), b, { now, windowSeconds });

describe('Zendesk webhook signature', () => {
  it('names the tenant whose secret signed timestamp + body', () => {
    expect(
      zendesk({ [ZENDESK_SIGNATURE]: zendeskSignature(secrets.globex, at, body), [ZENDESK_TIMESTAMP]: at }),
    ).toBe('globex');
    // Reference vector computed independently (Python hmac): base64(HMAC-SHA256(secret, timestamp + body)).
    expect(zendeskSignature('secret', '2021-01-01T00:00:00Z', Buffer.from('{}'))).toBe(
      'mCfJfOw3eaAHUNbdNKyzMC/4ejuuUcJWZ/Ax4uqw684=',
    );
  });

  it.each([
    ['missing signature', { [ZENDESK_TIMESTAMP]: at }, 'signature and timestamp are required'],
    [
      'missing timestamp',
      { [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, at, body) },
      'signature and timestamp are required',
    ],
    [
      'wrong secret',
      { [ZENDESK_SIGNATURE]: zendeskSignature('not-the-secret-at-all', at, body), [ZENDESK_TIMESTAMP]: at },
      'does not match',
    ],
    ['garbage', { [ZENDESK_SIGNATURE]: 'bm9wZQ==', [ZENDESK_TIMESTAMP]: at }, 'does not match'],
    [
      'timestamp swapped after signing',
      {
        [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, at, body),
        [ZENDESK_TIMESTAMP]: '2026-03-02T09:59:00Z',
      },
      'does not match',
    ],
    [
      'stale',
      {
        [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, '2026-03-02T09:54:00Z', body),
        [ZENDESK_TIMESTAMP]: '2026-03-02T09:54:00Z',
      },
      'replay window',
    ],
    [
      'from the future',
      {
        [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, '2026-03-02T10:06:00Z', body),
        [ZENDESK_TIMESTAMP]: '2026-03-02T10:06:00Z',
      },
      'replay window',
    ],
    [
      'unparseable timestamp',
      {
        [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, 'yesterday', body),
        [ZENDESK_TIMESTAMP]: 'yesterday',
      },
      'replay window',
    ],
  ])('refuses a %s with 401', (_name, headers, message) => {
    const attempt = () => zendesk(headers);
    expect(attempt).toThrow(UnauthorizedError);
    expect(attempt).toThrow(message);
  });

  it('refuses a body changed after signing', () => {
    const headers = {
      [ZENDESK_SIGNATURE]: zendeskSignature(secrets.acme, at, body),
      [ZENDESK_TIMESTAMP]: at,
    };
    expect(() => zendesk(headers, Buffer.from(body.toString().replace('"1"', '"2"')))).toThrow(
      'does not match',
    );
  });
});

describe('Freshdesk webhook credentials', () => {
  const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
  it('accepts the secret as password or as API key (password X)', () => {
    expect(authenticateFreshdesk(secrets, basic(`scorecard:${secrets.acme}`))).toBe('acme');
    expect(authenticateFreshdesk(secrets, basic(`${secrets.globex}:X`))).toBe('globex');
  });
  it.each([undefined, 'Bearer abc', basic('scorecard:wrong'), basic(secrets.acme)])('refuses %s', (h) => {
    expect(() => authenticateFreshdesk(secrets, h)).toThrow(UnauthorizedError);
  });
});
