import type { z } from 'zod';
import { entityName, optionalEntityName } from '@scorecard/api';
import {
  validateBonusPolicy,
  validateRatingScheme,
  validateTriggerRule,
  type Validation,
} from '@scorecard/scoring';
import { invalid, zodIssues, type Checked, type FieldIssue } from './checked';

function combine<T>(
  nameCheck: z.SafeParseReturnType<unknown, unknown>,
  v: Validation<T>,
): Checked<Record<string, unknown>> {
  const errors: FieldIssue[] = nameCheck.success ? [] : zodIssues(nameCheck.error.issues);
  if (!v.ok) errors.push(...v.errors.filter((e) => !errors.some((x) => x.path === e.path)));
  if (errors.length > 0 || !v.ok) return invalid(errors);
  return { ok: true, value: v.value as Record<string, unknown> };
}

export const checkBonusPolicyBody = (input: unknown) =>
  combine(entityName.safeParse(input), validateBonusPolicy(input));

export const checkRatingSchemeBody = (input: unknown) =>
  combine(entityName.safeParse(input), validateRatingScheme(input));

/** A trigger rule's `id` (which its recommendations cite) is the entity id. */
export function checkTriggerRuleBody(input: unknown, id: string): Checked<Record<string, unknown>> {
  const body =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...input, id } : input;
  const checked = combine(optionalEntityName.safeParse(input), validateTriggerRule(body));
  if (!checked.ok) return checked;
  const name = (input as { name?: string }).name;
  return { ok: true, value: name === undefined ? checked.value : { ...checked.value, name } };
}
