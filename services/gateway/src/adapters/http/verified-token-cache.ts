import type { Principal } from '../../domain/principal';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the least recently used leaves first. */
  max: number;
  /** Longest a verification is reused, whatever the token's `exp` (bounds key-rotation lag). */
  maxAgeMs: number;
  now: () => number;
}

/**
 * Tokens that passed verification, so a client's next request with the same bearer token skips the
 * signature check and claim parsing. Keyed by the whole token, so a hit is the very bytes verified
 * before; rejected tokens never enter. An entry is served strictly before the token's `exp` (and at
 * most `maxAgeMs`): from then on the token goes through full verification again, which refuses it.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order: re-inserting on each hit keeps the oldest use first.
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly opts: VerifiedTokenCacheOptions) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    if (this.opts.now() >= entry.until) return undefined;
    this.entries.set(token, entry);
    return entry.principal;
  }

  /** `exp` in seconds since the epoch, as in the JWT; a token without one is kept `maxAgeMs`. */
  set(token: string, principal: Principal, exp: number | undefined): void {
    const now = this.opts.now();
    const until = Math.min(now + this.opts.maxAgeMs, exp === undefined ? Infinity : exp * 1000);
    if (until <= now) return;
    this.entries.delete(token);
    if (this.entries.size >= this.opts.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { principal, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
