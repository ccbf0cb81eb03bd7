import type { EntityManager } from 'typeorm';
import type { Binding } from '@scorecard/bindings';
import {
  bindingFromState,
  type KpiConfig,
  type KraConfig,
  type RatingSchemeConfig,
  type TemplateVersion,
} from '../../domain/registry-config';

export interface ConfigChange {
  tenantId: string;
  entityType: string;
  entityId: string;
  version: number;
  active: boolean;
  state: unknown;
  changedAt: string;
}

/**
 * Upserts one config entity version. A template version's body never changes once stored (the
 * registry publishes versions immutably and scorecard instances pin them). Other entities keep
 * the newest state per version. Returns whether anything changed.
 */
export async function storeConfig(em: EntityManager, c: ConfigChange): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `INSERT INTO config_entities AS e (tenant_id, entity_type, entity_id, version, active, state, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, entity_type, entity_id, version) DO UPDATE SET
       active = EXCLUDED.active,
       state = CASE WHEN e.entity_type = 'template_version' THEN e.state ELSE EXCLUDED.state END,
       changed_at = EXCLUDED.changed_at
     WHERE EXCLUDED.changed_at >= e.changed_at
       AND (e.active, e.state) IS DISTINCT FROM (EXCLUDED.active, CASE WHEN e.entity_type = 'template_version' THEN e.state ELSE EXCLUDED.state END)
     RETURNING 1`,
    [c.tenantId, c.entityType, c.entityId, c.version, c.active, JSON.stringify(c.state), c.changedAt],
  );
  return rows.length > 0;
}

/** Everything a tenant's scorecards are scored with. */
export interface TenantConfig {
  templates: TemplateVersion[];
  kpis: Map<string, KpiConfig>;
  kras: Map<string, KraConfig>;
  ratingSchemes: Map<string, RatingSchemeConfig>;
  /** The current binding of each KPI (latest active version; invalid ones are left out). */
  bindings: Map<string, Binding>;
}

export async function loadTenantConfig(em: EntityManager, tenantId: string): Promise<TenantConfig> {
  const rows = await em.query<
    {
      entity_type: string;
      entity_id: string;
      version: number;
      active: boolean;
      state: Record<string, unknown>;
    }[]
  >(
    `SELECT entity_type, entity_id, version, active, state FROM config_entities WHERE tenant_id = $1
     ORDER BY entity_type, entity_id, version`,
    [tenantId],
  );
  const config: TenantConfig = {
    templates: [],
    kpis: new Map(),
    kras: new Map(),
    ratingSchemes: new Map(),
    bindings: new Map(),
  };
  const bindingsById = new Map<string, { active: boolean; state: unknown }>();
  const templateActive = new Map<string, boolean>();
  const versions: TemplateVersion[] = [];
  for (const r of rows) {
    // Rows come in version order: the last one of an id is its current state.
    const state = { ...r.state, id: r.entity_id };
    switch (r.entity_type) {
      case 'template':
        templateActive.set(r.entity_id, r.active);
        break;
      case 'template_version':
        versions.push({
          ...(r.state as unknown as TemplateVersion),
          scope: r.state['scope'] ?? {},
          template_id: r.entity_id,
          version: r.version,
          active: true,
        });
        break;
      case 'kpi':
        config.kpis.set(r.entity_id, { ...(state as unknown as KpiConfig), active: r.active });
        break;
      case 'kra':
        config.kras.set(r.entity_id, state);
        break;
      case 'rating_scheme':
        config.ratingSchemes.set(r.entity_id, state as unknown as RatingSchemeConfig);
        break;
      case 'binding':
        bindingsById.set(r.entity_id, { active: r.active, state });
        break;
      default:
        break;
    }
  }
  // A version counts while its template is active; a version whose template event has not
  // arrived yet counts too (the registry publishes only versions of templates that exist).
  config.templates = versions.map((v) => ({ ...v, active: templateActive.get(v.template_id) ?? true }));
  for (const { active, state } of bindingsById.values()) {
    if (!active) continue;
    const parsed = bindingFromState(state);
    if (parsed.ok && !config.bindings.has(parsed.value.kpi_id))
      config.bindings.set(parsed.value.kpi_id, parsed.value);
  }
  return config;
}

export async function loadBinding(em: EntityManager, tenantId: string, bindingId: string): Promise<unknown> {
  const rows = await em.query<{ state: Record<string, unknown> }[]>(
    `SELECT state FROM config_entities WHERE tenant_id = $1 AND entity_type = 'binding' AND entity_id = $2
     ORDER BY version DESC LIMIT 1`,
    [tenantId, bindingId],
  );
  return rows[0] ? { ...rows[0].state, id: bindingId } : null;
}
