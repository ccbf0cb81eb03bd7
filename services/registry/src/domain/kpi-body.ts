import { z } from 'zod';
import { validateKpi } from '@scorecard/scoring';
import { invalid, zodIssues, type Checked, type FieldIssue } from './checked';

export const TARGET_TYPES = ['numeric', 'percent', 'duration', 'count'] as const;

// The coaching half of the merged KPI model; the scoring half is checked by @scorecard/scoring.
const coachingFields = z.object({
  description: z.string().optional(),
  target_type: z.enum(TARGET_TYPES).optional(),
  objective: z.string().optional(),
  measurement_method: z.string().optional(),
  data_sources: z.array(z.string().min(1)).default([]),
  role_groups: z.array(z.string().min(1)).default([]),
  coaching_tips: z.array(z.string().min(1)).default([]),
  is_default_for_role: z.boolean().default(false),
  display_order: z.number().int().default(0),
});

export type KpiBody = Record<string, unknown> & { slug: string; name: string };

/** A KPI body as saved: scoring's validation plus the coaching fields; unknown keys dropped. */
export function checkKpiBody(input: unknown): Checked<KpiBody> {
  const errors: FieldIssue[] = [];
  const scoring = validateKpi(input);
  if (!scoring.ok) errors.push(...scoring.errors);
  const coaching = coachingFields.safeParse(withoutNulls(input));
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
