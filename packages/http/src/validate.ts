import type { z } from 'zod';
import { fromZodError } from '@scorecard/errors';

/** Parses a request part with a zod schema; failure throws a ValidationError naming the fields. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const res = schema.safeParse(value);
  if (res.success) return res.data as z.output<S>;
  throw fromZodError(res.error, prefix ? [prefix] : []);
}
