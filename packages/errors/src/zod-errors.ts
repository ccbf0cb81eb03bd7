import type { ZodError, ZodIssue } from 'zod';
import type { FieldError } from './app-errors';
import { ValidationError } from './app-errors';

/** `['events', 3, 'data', 'closed_at']` → `events[3].data.closed_at`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? part : `${acc}.${part}`;
  }, '');
}

function issueErrors(issue: ZodIssue, prefix: readonly (string | number)[]): FieldError[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: formatPath([...path, k]), message: 'Unknown field' }));
  }
  return [{ path: formatPath(path) || '(root)', message: issue.message }];
}

export function zodFieldErrors(err: ZodError, prefix: readonly (string | number)[] = []): FieldError[] {
  return err.issues.flatMap((issue) => issueErrors(issue, prefix));
}

export function fromZodError(err: ZodError, prefix: readonly (string | number)[] = []): ValidationError {
  return new ValidationError(zodFieldErrors(err, prefix));
}
