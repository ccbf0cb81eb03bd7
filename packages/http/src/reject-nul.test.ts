import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '@scorecard/errors';
import { MAX_JSON_DEPTH, nulFieldErrors, rejectNul } from './reject-nul';

const MESSAGE = 'must not contain the NUL character';
const DEPTH_MESSAGE = `must not nest arrays and objects more than ${MAX_JSON_DEPTH} levels deep`;

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
  for (const e of passed.errors) expect([MESSAGE, DEPTH_MESSAGE]).toContain(e.message);
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

  it('refuses a body nested deeper than the limit with a 400 naming the place and the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const errors = nulFieldErrors(deep);
    expect(errors).toEqual([
      {
        path: Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'),
        message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      },
    ]);
  });

  it('accepts nesting up to the limit', () => {
    let atLimit: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) atLimit = { a: atLimit };
    expect(nulFieldErrors(atLimit)).toEqual([]);
    expect(nulFieldErrors({ wrap: atLimit })).toHaveLength(1);
  });
});
