import type { EntityManager } from 'typeorm';

export type RegistryEntityType =
  'kpi' | 'contract_template_kpis' | 'bonus_policy' | 'trigger_rule' | 'rating_scheme';
export const KEPT_ENTITY_TYPES: readonly string[] = [
  'kpi',
  'contract_template_kpis',
  'bonus_policy',
  'trigger_rule',
  'rating_scheme',
];

/** Keeps the newest version of an entity; an older event arriving late changes nothing. */
export async function upsertRegistryEntity(
  em: EntityManager,
  e: {
    tenantId: string;
    entityType: string;
    entityId: string;
    version: number;
    active: boolean;
    state: unknown;
    changedAt: string;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO registry_entities (tenant_id, entity_type, entity_id, version, active, state, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
       version = EXCLUDED.version, active = EXCLUDED.active, state = EXCLUDED.state, changed_at = EXCLUDED.changed_at
     WHERE registry_entities.version < EXCLUDED.version
        OR (registry_entities.version = EXCLUDED.version AND registry_entities.changed_at <= EXCLUDED.changed_at)`,
    [
      e.tenantId,
      e.entityType,
      e.entityId,
      e.version,
      e.active,
      JSON.stringify(e.state),
      e.changedAt || new Date().toISOString(),
    ],
  );
}

export interface RegistryEntity {
  entity_id: string;
  version: number;
  active: boolean;
  state: Record<string, unknown>;
}

export async function registryEntities(
  em: EntityManager,
  tenantId: string,
  type: RegistryEntityType,
  opts: { ids?: readonly string[]; activeOnly?: boolean } = {},
): Promise<RegistryEntity[]> {
  const params: unknown[] = [tenantId, type];
  let where = '';
  if (opts.ids !== undefined) {
    params.push(opts.ids);
    where += ` AND entity_id = ANY($${params.length})`;
  }
  if (opts.activeOnly === true) where += ' AND active';
  return em.query<RegistryEntity[]>(
    `SELECT entity_id, version, active, state FROM registry_entities
      WHERE tenant_id = $1 AND entity_type = $2${where} ORDER BY changed_at DESC, entity_id`,
    params,
  );
}
