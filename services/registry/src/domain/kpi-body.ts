import { kpiCoachingFields } from '@scorecard/api';
import { validateKpi } from '@scorecard/scoring';
import { invalid, zodIssues, type Checked, type FieldIssue } from './checked';

export type KpiBody = Record<string, unknown> & { slug: string; name: string };

/** A KPI body as saved: scoring's validation plus the coaching fields; unknown keys dropped. */
export function checkKpiBody(input: unknown): Checked<KpiBody> {
  const errors: FieldIssue[] = [];
  const scoring = validateKpi(input);
  if (!scoring.ok) errors.push(...scoring.errors);
  const coaching = kpiCoachingFields.safeParse(withoutNulls(input));
  if (!coaching.success) errors.push(...zodIssues(coaching.error.issues));
  if (errors.length > 0 || !scoring.ok || !coaching.success) return invalid(errors);
  return { ok: true, value: { ...scoring.value, ...stripUndefined(coaching.data) } };
}

export function withoutNulls(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}

const stripUndefined = (o: object) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
