import type { GuardrailRule, KpiDefinition, RatingScheme, ScoringMethod } from '@scorecard/scoring';

/**
 * Compute's view of the registry's config entities, read from `state_json` of
 * `scorecard.registry.changed.v1` (the registry's GET representation; CONTRACT.md "Registry").
 */
export interface TemplateItem {
  kpi_id: string;
  weight?: number;
  target_override?: number;
  scoring_method_override?: ScoringMethod;
  is_required?: boolean;
}

export interface TemplateVersion {
  template_id: string;
  version: number;
  name: string;
  active: boolean;
  scope: { role?: string; role_group?: string; department_id?: string };
  effective_from: string;
  effective_to?: string;
  kras: { kra_id: string; weight: number; kpis: TemplateItem[] }[];
  guardrails?: GuardrailRule[];
  rating_scheme_id?: string;
}

export type KpiConfig = KpiDefinition & { id: string; active?: boolean };
export interface KraConfig {
  id: string;
  name?: string;
  kpis?: { kpi_id: string; weight_override?: number; weight?: number }[];
}
export type RatingSchemeConfig = RatingScheme & { id: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The template version an event carries. The registry may send either one version's body or the
 * whole template with `versions: [...]`; either way the version named by the event is returned
 * (null when the state holds no such version).
 */
export function templateVersionFromState(
  entityId: string,
  eventVersion: number,
  state: unknown,
): TemplateVersion | null {
  if (!isObject(state)) return null;
  const versions = Array.isArray(state['versions']) ? state['versions'].filter(isObject) : null;
  const body = versions ? (versions.find((v) => Number(v['version']) === eventVersion) ?? null) : state;
  if (!body || !Array.isArray(body['kras'])) return null;
  const active = body['active'] ?? state['active'];
  return {
    ...(body as unknown as TemplateVersion),
    name:
      typeof body['name'] === 'string'
        ? body['name']
        : typeof state['name'] === 'string'
          ? state['name']
          : entityId,
    scope: isObject(body['scope']) ? body['scope'] : {},
    template_id: entityId,
    version: eventVersion,
    active: active !== false,
  };
}

/** The person attributes a template's scope is matched against. */
export interface PersonScope {
  role: string | null;
  role_group: string | null;
  department_id: string | null;
}

/**
 * The template version that applies to a person in a period: active, effective at some point of
 * the period, and with every scope key it sets equal to the person's. Among several, the most
 * specific scope wins, then the latest effective_from, then the template id (stable). Within one
 * template, its highest matching version.
 */
export function selectTemplate(
  versions: readonly TemplateVersion[],
  person: PersonScope | null,
  period: { start: string; end: string },
): TemplateVersion | null {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  const fits = (t: TemplateVersion) => {
    if (!t.active) return false;
    if (Date.parse(t.effective_from) >= end) return false;
    if (t.effective_to !== undefined && Date.parse(t.effective_to) <= start) return false;
    return (['role', 'role_group', 'department_id'] as const).every(
      (k) => t.scope[k] === undefined || (person !== null && t.scope[k] === person[k]),
    );
  };
  const specificity = (t: TemplateVersion) => Object.values(t.scope).filter((v) => v !== undefined).length;
  let best: TemplateVersion | null = null;
  for (const t of versions) {
    if (!fits(t)) continue;
    if (
      best === null ||
      specificity(t) > specificity(best) ||
      (specificity(t) === specificity(best) &&
        (t.effective_from > best.effective_from ||
          (t.effective_from === best.effective_from &&
            (t.template_id < best.template_id ||
              (t.template_id === best.template_id && t.version > best.version)))))
    )
      best = t;
  }
  return best;
}
