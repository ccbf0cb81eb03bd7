import express, { type Express } from 'express';

/**
 * Reads the bodies of `paths` as raw bytes (`req.body` is a Buffer): a webhook's HMAC covers the
 * exact bytes sent, which re-serialised JSON would not reproduce. The service app registers its
 * JSON parser before any route, so this parser is moved to the front of the app's router; the
 * JSON parser then sees a consumed body and leaves it alone.
 */
export function captureRawBody(app: Express, paths: readonly string[], limit: string): void {
  app.post([...paths], express.raw({ type: () => true, limit }));
  const stack = app.router.stack;
  const layer = stack.pop();
  if (layer) stack.unshift(layer);
}
