import { UnprocessableError, ValidationError } from '@scorecard/errors';
import { classifyPgError, SqlState } from '@scorecard/db';
import { ConflictError } from '@scorecard/errors';
import type { Checked } from '../domain/checked';

/** The value of a successful check; otherwise the 400 or 422 naming each field. */
export function valueOrThrow<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value;
  if (checked.status === 422)
    throw new UnprocessableError('The configuration cannot be accepted', checked.errors);
  throw new ValidationError(checked.errors);
}

/** Runs a write; a unique violation (duplicate slug, second binding for a KPI) becomes a 409. */
export async function conflictOnDuplicate<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (classifyPgError(err).code === SqlState.uniqueViolation)
      throw new ConflictError(`${what} already exists`);
    throw err;
  }
}

/** Splits the audit `reason` off an object body. */
export function splitReason(input: unknown): { body: unknown; reason?: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { body: input };
  const { reason, ...body } = input as Record<string, unknown>;
  return typeof reason === 'string' && reason !== '' ? { body, reason } : { body };
}
