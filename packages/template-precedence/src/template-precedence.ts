// Which template applies to a person when several match. The rule, in order:
//  1. Only versions of active templates whose window holds the instant count:
//     effective_from ≤ at < effective_to (half-open; no effective_to = open-ended).
//  2. A version's scope matches when every field it sets equals the person's; an empty scope is
//     tenant-wide and matches everyone.
//  3. The most specific scope wins: role > role_group > department > tenant-wide; a scope that
//     also sets a lower field beats one that does not (specificity is a bit mask role=4,
//     role_group=2, department=1).
//  4. Then the latest effective_from, then the highest version, then the latest publication,
//     then the smallest template id — so the answer is always unique and stable.

export interface TemplateScope {
  role?: string | undefined;
  role_group?: string | undefined;
  department_id?: string | undefined;
}

export interface PublishedVersion {
  template_id: string;
  version: number;
  scope: TemplateScope;
  effective_from: string;
  effective_to?: string | undefined;
  published_at: string;
  /** The template's active flag. */
  active: boolean;
}

export type Person = TemplateScope;

export function scopeMatches(scope: TemplateScope, person: Person): boolean {
  return (['role', 'role_group', 'department_id'] as const).every(
    (k) => scope[k] === undefined || scope[k] === person[k],
  );
}

export function specificity(scope: TemplateScope): number {
  return (scope.role ? 4 : 0) + (scope.role_group ? 2 : 0) + (scope.department_id ? 1 : 0);
}

export function isEffective(v: PublishedVersion, at: Date): boolean {
  const t = at.getTime();
  return (
    Date.parse(v.effective_from) <= t && (v.effective_to === undefined || t < Date.parse(v.effective_to))
  );
}

/** Orders candidates best first (see the rule above). */
export function comparePrecedence(a: PublishedVersion, b: PublishedVersion): number {
  return (
    specificity(b.scope) - specificity(a.scope) ||
    Date.parse(b.effective_from) - Date.parse(a.effective_from) ||
    b.version - a.version ||
    Date.parse(b.published_at) - Date.parse(a.published_at) ||
    (a.template_id < b.template_id ? -1 : a.template_id > b.template_id ? 1 : 0)
  );
}

/** The version that applies to `person` at `at`, with how many versions matched; undefined when none. */
export function resolveTemplate<V extends PublishedVersion>(
  versions: readonly V[],
  person: Person,
  at: Date,
): { winner: V; candidates: number } | undefined {
  const matching = versions.filter((v) => v.active && isEffective(v, at) && scopeMatches(v.scope, person));
  const [winner] = [...matching].sort(comparePrecedence);
  return winner ? { winner, candidates: matching.length } : undefined;
}

/**
 * The version that applies to a person for a period `[start, end)`: the one in force when the
 * period opens; when none is (a template that starts within the period), the one in force at its
 * last instant — so a template published mid-period scores the period instead of skipping it.
 */
export function resolveTemplateForPeriod<V extends PublishedVersion>(
  versions: readonly V[],
  person: Person,
  period: { start: string; end: string },
): { winner: V; candidates: number } | undefined {
  return (
    resolveTemplate(versions, person, new Date(period.start)) ??
    resolveTemplate(versions, person, new Date(Date.parse(period.end) - 1))
  );
}

export function matchedBy(scope: TemplateScope): 'role' | 'role_group' | 'department' | 'tenant' {
  if (scope.role) return 'role';
  if (scope.role_group) return 'role_group';
  return scope.department_id ? 'department' : 'tenant';
}
