import type { Binding } from '@scorecard/bindings';
import { careBindings } from './care-bindings';
import { CATEGORY_KRA, COACHING_KRAS, careTemplates } from './care-templates';
import { coachingKpis, UNIVERSAL_KPI_SLUGS } from './coaching-kpis';
import { ispBindings, ispKpis } from './isp-kpis';
import { BONUS_POLICIES, KRA_KPIS, KRAS, RATING_SCHEMES, TEMPLATES, TRIGGER_RULES } from './isp-templates';

export { ROLE_GROUPS, UNIVERSAL_KPI_SLUGS } from './coaching-kpis';

/** Bump when the library gains entries: tenants then receive the new ones (existing ids are kept). */
export const LIBRARY_VERSION = 3;

export interface SeedEntity {
  id: string;
  body: Record<string, unknown>;
}

/** The KPIs a new contract of a role group attaches (`PUT /api/v1/hr/templates/{id}/kpis`). */
export interface SeedContractTemplate {
  id: string;
  kpis: { kpi_module_id: string; weight: number; is_required: boolean }[];
}

/**
 * Contract templates `ct-<role group>`, the ids HR systems (and the demo generator) put on contracts:
 * a new contract assigns the role group's scorecard-template KPIs, or its coaching defaults, so a
 * new hire's KPIs exist from day one.
 */
function contractTemplates(
  kpis: readonly { slug: string; role_groups?: readonly string[]; weight_default?: number }[],
): SeedContractTemplate[] {
  const byRole = new Map<string, SeedContractTemplate['kpis']>();
  const add = (roleGroup: string, kpiId: string, weight: number) => {
    const list = byRole.get(roleGroup) ?? [];
    if (!list.some((k) => k.kpi_module_id === kpiId))
      list.push({ kpi_module_id: kpiId, weight, is_required: true });
    byRole.set(roleGroup, list);
  };
  const templates: {
    scope: { role_group: string };
    kras: { kpis: { kpi_id: string; weight?: number }[] }[];
  }[] = [...TEMPLATES, ...careTemplates()];
  for (const t of templates)
    for (const kra of t.kras)
      for (const item of kra.kpis) add(t.scope.role_group, item.kpi_id, item.weight ?? 1);
  for (const k of kpis) for (const rg of k.role_groups ?? []) add(rg, k.slug, k.weight_default ?? 1);
  return [...byRole].map(([roleGroup, list]) => ({ id: `ct-${roleGroup}`, kpis: list }));
}

/** The whole seed library, in dependency order; KPI ids are their slugs. */
export function seedLibrary(): Record<
  'kpis' | 'kras' | 'bindings' | 'rating_schemes' | 'bonus_policies' | 'trigger_rules' | 'templates',
  SeedEntity[]
> & { contract_templates: SeedContractTemplate[] } {
  const withId = <T extends { id: string }>({ id, ...body }: T): SeedEntity => ({ id, body });
  const coaching = coachingKpis();
  // The KRA↔KPI map: the ISP map, each coaching KPI under its category's KRA, the universal five
  // under core expectations.
  const kraKpis = new Map(Object.entries(KRA_KPIS).map(([id, list]) => [id, [...list]]));
  for (const k of coaching)
    kraKpis.set(CATEGORY_KRA[k.category], [...(kraKpis.get(CATEGORY_KRA[k.category]) ?? []), k.slug]);
  kraKpis.set('core-expectations', [...UNIVERSAL_KPI_SLUGS]);
  return {
    kpis: [...coaching, ...ispKpis()].map((k) => ({ id: k.slug, body: k })),
    kras: [...KRAS, ...COACHING_KRAS].map((k) =>
      withId({ ...k, kpis: (kraKpis.get(k.id) ?? []).map((kpi_id) => ({ kpi_id })) }),
    ),
    bindings: [...ispBindings(), ...careBindings()].map((b: Binding) => ({
      id: b.kpi_id,
      body: b as unknown as Record<string, unknown>,
    })),
    rating_schemes: RATING_SCHEMES.map(withId),
    bonus_policies: BONUS_POLICIES.map(withId),
    trigger_rules: TRIGGER_RULES.map(withId),
    templates: [...TEMPLATES, ...careTemplates()].map(withId),
    contract_templates: contractTemplates(coaching),
  };
}
