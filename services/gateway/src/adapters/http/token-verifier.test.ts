import { SignJWT } from 'jose';
import { devTokenVerifier } from './token-verifier';

const SECRET = 'token-verifier-test-secret-of-32-chars-or-more';

describe('dev token verification, reused per token', () => {
  let clock = Date.now();
  const verifier = devTokenVerifier(SECRET, { now: () => clock });
  const exp = Math.floor(clock / 1000) + 30;
  const issue = () =>
    verifier.issue({ subject: 'ada', roles: ['employee'], tenantId: 't1', employeeId: 'e1', expiresIn: exp });

  it('reuses a verification until the token expires, then refuses the token', async () => {
    const token = await issue();
    const first = await verifier.verify(token);
    expect(first).toEqual({ subject: 'ada', tenantId: 't1', roles: ['employee'], employeeId: 'e1' });
    clock = exp * 1000 - 1;
    expect(await verifier.verify(token)).toBe(first); // the remembered principal, not a new check
    clock = exp * 1000;
    await expect(verifier.verify(token)).rejects.toThrow('The token has expired');
  });

  it('checks a token differing from a remembered one in full', async () => {
    clock = Date.now();
    const token = await issue();
    await verifier.verify(token);
    const [h, p, s] = token.split('.') as [string, string, string];
    // The first signature character carries six whole bits, so this really changes the signature.
    const flipped = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    await expect(verifier.verify(flipped)).rejects.toThrow('The token is invalid');
  });

  it('hands out principals that cannot be altered by one request for the next', async () => {
    clock = Date.now();
    const principal = await verifier.verify(await issue());
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.roles)).toBe(true);
  });

  it('refuses a correctly signed token that carries no exp (it would never expire)', async () => {
    clock = Date.now();
    const claims = { iss: 'scorecard-dev', aud: 'scorecard', sub: 'ada', roles: ['hr'], tenant_id: 't1' };
    const sign = (withExp: boolean) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
      return (withExp ? jwt.setExpirationTime('1h') : jwt).sign(new TextEncoder().encode(SECRET));
    };
    // The same claims with an exp pass, so the refusal below is about exp alone.
    expect((await verifier.verify(await sign(true))).roles).toEqual(['hr']);
    await expect(verifier.verify(await sign(false))).rejects.toThrow('The token must carry an expiry (exp)');
  });
});
