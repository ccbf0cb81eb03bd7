import type { NextFunction, Request, Response } from 'express';
import { ValidationError, type FieldError } from '@scorecard/errors';

const MESSAGE = 'must not contain the NUL character';

/** Paths to the strings in a parsed JSON body that hold U+0000 (at most a few, for the problem). */
function nulPaths(value: unknown, path: string, out: FieldError[]): void {
  if (out.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path: path || '(body)', message: MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, path ? `${path}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) out.push({ path: at, message: MESSAGE });
      nulPaths(v, at, out);
    }
  }
}

/**
 * Refuses U+0000 anywhere in the URL or a JSON body with a 400 naming where. Postgres text and
 * jsonb cannot store it, so letting it through turns bad input into a 500 (or, for ingested events,
 * a dead-lettered fact downstream) instead of an answer the caller can act on.
 */
export function rejectNul(req: Request, _res: Response, next: NextFunction): void {
  const errors: FieldError[] = [];
  if (req.url.includes('\u0000') || /%00/.test(req.url)) errors.push({ path: '(url)', message: MESSAGE });
  if (!Buffer.isBuffer(req.body)) nulPaths(req.body, '', errors);
  next(errors.length > 0 ? new ValidationError(errors) : undefined);
}
