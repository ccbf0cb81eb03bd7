import { templateEffectiveDates } from '@scorecard/api';
import {
  checkKraWeights,
  validateTemplate,
  type KpiDefinition,
  type TemplateInput,
} from '@scorecard/scoring';
import { invalid, unprocessable, zodIssues, type Checked, type FieldIssue } from './checked';

export interface TemplateRefs {
  kpi: (id: string) => KpiDefinition | undefined;
  kraExists: (id: string) => boolean;
  ratingSchemeExists: (id: string) => boolean;
}

/**
 * A template body as published: shape and effective dates (400), references to KPIs, KRAs and
 * the rating scheme (422), each item's KPI still valid after its overrides and guardrails naming
 * template KPIs (400, by @scorecard/scoring), and KRA weights summing to 100 (422) unless
 * `normalize` asks to rescale them. Dates are stored as ISO-8601 UTC.
 */
export function checkTemplateBody(
  input: unknown,
  refs: TemplateRefs,
  normalize: boolean,
): Checked<TemplateInput> {
  const errors: FieldIssue[] = [];
  const d = templateEffectiveDates.safeParse(input);
  if (!d.success) errors.push(...zodIssues(d.error.issues));
  const checked = validateTemplate(input, { kpis: refs.kpi, normalize: true });
  const unknownKpi = (e: FieldIssue) => e.message.startsWith('unknown KPI');
  if (!checked.ok) errors.push(...checked.errors.filter((e) => !unknownKpi(e)));
  if (errors.length > 0 || !checked.ok || !d.success)
    return errors.length > 0 ? invalid(errors) : unprocessable(checked.ok ? [] : checked.errors);

  const t = checked.value;
  const refErrors: FieldIssue[] = t.kras.flatMap((k, j) =>
    refs.kraExists(k.kra_id) ? [] : [{ path: `kras[${j}].kra_id`, message: `unknown KRA ${k.kra_id}` }],
  );
  if (t.rating_scheme_id !== undefined && !refs.ratingSchemeExists(t.rating_scheme_id))
    refErrors.push({ path: 'rating_scheme_id', message: `unknown rating scheme ${t.rating_scheme_id}` });
  if (refErrors.length > 0) return unprocessable(refErrors);

  if (!normalize) {
    const w = checkKraWeights((input as TemplateInput).kras.map((k) => k.weight));
    if (!w.ok) return unprocessable([{ path: 'kras', message: w.message }]);
  }
  const to = d.data.effective_to;
  const { effective_to: _drop, ...rest } = t;
  return {
    ok: true,
    value: {
      ...rest,
      guardrails: t.guardrails ?? [],
      effective_from: new Date(d.data.effective_from).toISOString(),
      ...(to ? { effective_to: new Date(to).toISOString() } : {}),
    },
  };
}
