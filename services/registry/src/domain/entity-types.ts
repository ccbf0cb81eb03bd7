/** Configuration stored as a versioned body that changes in place. */
export const GENERIC_ENTITY_TYPES = [
  'kpi',
  'kra',
  'binding',
  'bonus_policy',
  'trigger_rule',
  'rating_scheme',
] as const;
export type GenericEntityType = (typeof GENERIC_ENTITY_TYPES)[number];

/** Every `entity_type` of `scorecard.registry.changed.v1`. */
export type EntityType = GenericEntityType | 'template' | 'template_version' | 'contract_template_kpis';

export type Change = 'created' | 'updated' | 'published' | 'activated' | 'deactivated';

/** A stored generic entity. */
export interface EntityRecord {
  id: string;
  version: number;
  body: Record<string, unknown>;
  active: boolean;
  is_seed: boolean;
  created_at: string;
  updated_at: string;
}

/** The JSON `GET` returns for a generic entity, and the event's `state_json`. */
export function entityState(r: EntityRecord): Record<string, unknown> {
  return {
    id: r.id,
    ...r.body,
    version: r.version,
    active: r.active,
    is_seed: r.is_seed,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** The record key of an entity's events: the latest message per key is its current state. */
export function changeKey(type: EntityType, id: string, version?: number): string {
  return type === 'template_version' ? `${type}:${id}:${version ?? 0}` : `${type}:${id}`;
}
