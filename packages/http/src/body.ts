import express from 'express';
import type { Request, Response } from 'express';
import { ValidationError } from '@scorecard/errors';
import { nulFieldErrors } from './reject-nul';

/** JSON bodies are parsed; raw ones stay the bytes that came (a Buffer in `req.body`). */
export type BodyKind = 'json' | 'raw';

/** The media types read as JSON, everywhere a body is parsed. */
export const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Reads a request's body on demand, with a size limit (over it: body-parser's 413) and, for JSON,
 * the NUL and nesting check. For a service that must decide something before reading a body at
 * all — the gateway authenticates first, so an anonymous caller cannot make it buffer 10 MB.
 */
export function bodyReader(kind: BodyKind, limit: string): (req: Request, res: Response) => Promise<void> {
  const parse =
    kind === 'json' ? express.json({ limit, type: JSON_TYPES }) : express.raw({ type: () => true, limit });
  return (req, res) =>
    new Promise<void>((resolve, reject) => {
      parse(req, res, (err?: unknown) => {
        // body-parser's errors (413, malformed JSON) are Errors with type/status for toProblem.
        if (err instanceof Error) {
          reject(err);
          return;
        }
        const errors = kind === 'json' ? nulFieldErrors(req.body) : [];
        if (errors.length > 0) reject(new ValidationError(errors));
        else resolve();
      });
    });
}
