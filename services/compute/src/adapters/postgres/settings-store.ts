import type { EntityManager } from 'typeorm';

/** The binding settings a tenant has set (`{name: value}`; absent names use the defaults). */
export async function storedBindingSettings(
  em: EntityManager,
  tenantId: string,
): Promise<Record<string, unknown>> {
  const rows = await em.query<{ binding_settings: Record<string, unknown> }[]>(
    `SELECT binding_settings FROM tenant_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  return rows[0]?.binding_settings ?? {};
}

/** Merges values into the tenant's binding settings; true when any value changed. */
export async function mergeBindingSettings(
  em: EntityManager,
  tenantId: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  const before = await storedBindingSettings(em, tenantId);
  await em.query(
    `INSERT INTO tenant_settings (tenant_id, binding_settings) VALUES ($1, $2::jsonb)
     ON CONFLICT (tenant_id) DO UPDATE SET binding_settings = tenant_settings.binding_settings || EXCLUDED.binding_settings`,
    [tenantId, JSON.stringify(values)],
  );
  return Object.entries(values).some(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v));
}
