import type { Principal } from '../../domain/principal';
import { VerifiedTokenCache } from './verified-token-cache';

const who = (subject: string): Principal => ({ subject, tenantId: 't1', roles: ['employee'] });

describe('VerifiedTokenCache', () => {
  let clock = 1_000_000;
  const cache = (max = 3, maxAgeMs = 60_000) => new VerifiedTokenCache({ max, maxAgeMs, now: () => clock });
  beforeEach(() => (clock = 1_000_000));

  it('serves a token strictly before its exp, never at or after it', () => {
    const c = cache();
    const exp = (clock + 30_000) / 1000;
    c.set('tok', who('ada'), exp);
    clock += 29_999;
    expect(c.get('tok')?.subject).toBe('ada');
    clock += 1;
    expect(c.get('tok')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('keeps a verification at most maxAgeMs, however far away exp is', () => {
    const c = cache(3, 5_000);
    c.set('tok', who('ada'), clock / 1000 + 3600);
    clock += 4_999;
    expect(c.get('tok')).toBeDefined();
    clock += 1;
    expect(c.get('tok')).toBeUndefined();
  });

  it('keeps a token without exp for maxAgeMs, and does not store one already expired', () => {
    const c = cache(3, 5_000);
    c.set('no-exp', who('ada'), undefined);
    c.set('stale', who('bob'), clock / 1000 - 1);
    expect(c.get('stale')).toBeUndefined();
    clock += 5_000;
    expect(c.get('no-exp')).toBeUndefined();
  });

  it('evicts the least recently used token when full', () => {
    const c = cache(2);
    const exp = clock / 1000 + 60;
    c.set('a', who('a'), exp);
    c.set('b', who('b'), exp);
    expect(c.get('a')?.subject).toBe('a'); // a is now the most recent
    c.set('c', who('c'), exp);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')?.subject).toBe('a');
    expect(c.get('c')?.subject).toBe('c');
    expect(c.size).toBe(2);
  });
});
