import type { Binding } from '@scorecard/bindings';
import { coachingKpis } from './coaching-kpis';
import { ispBindings, ispKpis } from './isp-kpis';
import { BONUS_POLICIES, KRA_KPIS, KRAS, RATING_SCHEMES, TEMPLATES, TRIGGER_RULES } from './isp-templates';

export { ROLE_GROUPS } from './coaching-kpis';

/** Bump when the library gains entries: tenants then receive the new ones (existing ids are kept). */
export const LIBRARY_VERSION = 1;

export interface SeedEntity {
  id: string;
  body: Record<string, unknown>;
}

/** The whole seed library, in dependency order; KPI ids are their slugs. */
export function seedLibrary(): Record<
  'kpis' | 'kras' | 'bindings' | 'rating_schemes' | 'bonus_policies' | 'trigger_rules' | 'templates',
  SeedEntity[]
> {
  const withId = <T extends { id: string }>({ id, ...body }: T): SeedEntity => ({ id, body });
  return {
    kpis: [...coachingKpis(), ...ispKpis()].map((k) => ({ id: k.slug, body: k })),
    kras: KRAS.map((k) => withId({ ...k, kpis: (KRA_KPIS[k.id] ?? []).map((kpi_id) => ({ kpi_id })) })),
    bindings: ispBindings().map((b: Binding) => ({
      id: b.kpi_id,
      body: b as unknown as Record<string, unknown>,
    })),
    rating_schemes: RATING_SCHEMES.map(withId),
    bonus_policies: BONUS_POLICIES.map(withId),
    trigger_rules: TRIGGER_RULES.map(withId),
    templates: TEMPLATES.map(withId),
  };
}
