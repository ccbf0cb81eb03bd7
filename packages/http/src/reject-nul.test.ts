import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '@scorecard/errors';
import { rejectNul } from './reject-nul';

const MESSAGE = 'must not contain the NUL character';

/** The paths `rejectNul` names for a request, or null when it lets the request through. */
function nulPaths(body: unknown, url = '/x'): string[] | null {
  let passed: unknown = 'not called';
  const next: NextFunction = (err?: unknown) => {
    passed = err;
  };
  rejectNul({ url, body } as Request, {} as Response, next);
  if (passed === undefined) return null;
  if (!(passed instanceof ValidationError))
    throw new Error('next got something other than a ValidationError');
  for (const e of passed.errors) expect(e.message).toBe(MESSAGE);
  return passed.errors.map((e) => e.path);
}

describe('rejectNul', () => {
  it.each([
    ['a clean nested body', { a: [1, 'x', { b: null, c: true }], 'd e': 'f' }, null],
    ['a root string', 'a\u0000', ['(body)']],
    ['a nested value', { a: { b: ['ok', 'n\u0000'] } }, ['a.b.1']],
    ['a top-level array', ['ok', { k: '\u0000' }], ['1.k']],
    ['a key, then its value', { 'k\u0000': '\u0000', z: 'fine' }, ['k\u0000', 'k\u0000']],
    ['several places, in order', { a: 'x\u0000', b: [{ c: '\u0000' }], d: '\u0000' }, ['a', 'b.0.c', 'd']],
    ['a Buffer (raw body) is not inspected', Buffer.from('a\u0000b'), null],
    ['numbers, booleans and null', { n: 0, t: false, z: null }, null],
  ])('%s', (_name, body, expected) => expect(nulPaths(body)).toEqual(expected));

  it('names at most ten places', () => {
    const body = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, '\u0000']));
    expect(nulPaths(body)).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}`));
  });

  it('refuses NUL in the URL, raw or percent-encoded', () => {
    expect(nulPaths({}, '/x?q=%00')).toEqual(['(url)']);
    expect(nulPaths({ a: '\u0000' }, '/x\u0000')).toEqual(['(url)', 'a']);
  });
});
