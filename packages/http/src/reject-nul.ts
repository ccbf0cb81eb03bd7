import type { NextFunction, Request, Response } from 'express';
import { ValidationError, type FieldError } from '@scorecard/errors';

const MESSAGE = 'must not contain the NUL character';

/** Deepest array/object nesting a JSON body may have; no Scorecard body comes near it. */
export const MAX_JSON_DEPTH = 64;

interface Frame {
  value: unknown;
  key: string | number | null;
  parent: Frame | null;
  depth: number;
}

/** `a.b.0.c`, built only where something is reported, not for every value of a 5,000-event batch. */
function pathOf(f: Frame): string {
  const keys: (string | number)[] = [];
  for (let at: Frame | null = f; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || '(body)';
}

/**
 * Paths to the strings (and keys) in a parsed JSON body that hold U+0000, at most ten, in document
 * order — or the first place nested deeper than `MAX_JSON_DEPTH`. Walked with an explicit stack, so
 * a body like `[[[[…]]]]` 10,000 levels deep is refused with a 400 instead of overflowing the call
 * stack (a 500).
 */
function scan(body: unknown, out: FieldError[]): void {
  const stack: Frame[] = [{ value: body, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && out.length < 10) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) out.push({ path: pathOf(frame), message: MESSAGE });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({
        path: pathOf(frame),
        message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      });
      return;
    }
    // Children are pushed in reverse so they pop in document order.
    const children: Frame[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => children.push({ value: v, key: i, parent: frame, depth: depth + 1 }));
    } else {
      for (const k of Object.keys(value)) {
        // A NUL in a key is reported before its value (a key frame carries it as a string).
        if (k.includes('\u0000')) children.push({ value: '\u0000', key: k, parent: frame, depth: depth + 1 });
        children.push({
          value: (value as Record<string, unknown>)[k],
          key: k,
          parent: frame,
          depth: depth + 1,
        });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Where a parsed JSON value holds U+0000 or nests too deep (at most ten paths), as `rejectNul` reports them. */
export function nulFieldErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  scan(value, errors);
  return errors;
}

/**
 * Refuses U+0000 anywhere in the URL or a JSON body, and bodies nested deeper than
 * `MAX_JSON_DEPTH`, with a 400 naming where. Postgres text and jsonb cannot store NUL, so letting it
 * through turns bad input into a 500 (or, for ingested events, a dead-lettered fact downstream)
 * instead of an answer the caller can act on.
 */
export function rejectNul(req: Request, _res: Response, next: NextFunction): void {
  const errors: FieldError[] = [];
  if (req.url.includes('\u0000') || /%00/.test(req.url)) errors.push({ path: '(url)', message: MESSAGE });
  if (!Buffer.isBuffer(req.body)) scan(req.body, errors);
  next(errors.length > 0 ? new ValidationError(errors) : undefined);
}
