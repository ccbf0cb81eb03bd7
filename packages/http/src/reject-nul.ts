import type { NextFunction, Request, Response } from 'express';
import { ValidationError, type FieldError } from '@scorecard/errors';

const MESSAGE = 'must not contain the NUL character';

/**
 * Paths to the strings in a parsed JSON body that hold U+0000 (at most a few, for the problem).
 * `at` is the path so far as segments, pushed and popped on the way down: a path string is built
 * only where a NUL is found, not for every value of a 5,000-event batch.
 */
function nulPaths(value: unknown, at: (string | number)[], out: FieldError[]): void {
  if (out.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path: at.join('.') || '(body)', message: MESSAGE });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      nulPaths(value[i], at, out);
      at.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      at.push(k);
      if (k.includes('\u0000')) out.push({ path: at.join('.'), message: MESSAGE });
      nulPaths((value as Record<string, unknown>)[k], at, out);
      at.pop();
    }
  }
}

/** Where a parsed JSON value holds U+0000 (at most ten paths), as `rejectNul` reports them. */
export function nulFieldErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  nulPaths(value, [], errors);
  return errors;
}

/**
 * Refuses U+0000 anywhere in the URL or a JSON body with a 400 naming where. Postgres text and
 * jsonb cannot store it, so letting it through turns bad input into a 500 (or, for ingested events,
 * a dead-lettered fact downstream) instead of an answer the caller can act on.
 */
export function rejectNul(req: Request, _res: Response, next: NextFunction): void {
  const errors: FieldError[] = [];
  if (req.url.includes('\u0000') || /%00/.test(req.url)) errors.push({ path: '(url)', message: MESSAGE });
  if (!Buffer.isBuffer(req.body)) nulPaths(req.body, [], errors);
  next(errors.length > 0 ? new ValidationError(errors) : undefined);
}
