export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The outcome of checking a body: 400 for shape and catalog errors, 422 for well-formed input
 * that cannot be accepted as it stands (weights, references to unknown entities).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; status: 400 | 422; errors: FieldIssue[] };

export const invalid = (errors: FieldIssue[]): Checked<never> => ({ ok: false, status: 400, errors });
export const unprocessable = (errors: FieldIssue[]): Checked<never> => ({ ok: false, status: 422, errors });

/** Issues from a zod error, with `a.b[0].c` paths. */
export function zodIssues(issues: readonly { path: (string | number)[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({
    path:
      i.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
        '',
      ) || '(root)',
    message: i.message,
  }));
}
