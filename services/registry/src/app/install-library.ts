import { LIBRARY_VERSION, seedLibrary, type SeedEntity } from '../domain/library';
import { entityState, type GenericEntityType } from '../domain/entity-types';
import { checkEntity } from './check-entity';
import { valueOrThrow } from './checked-or-throw';
import { createTemplateIn } from './publish-template';
import type { RegistryStore, RegistryTx } from './registry-store';

export const LIBRARY_ACTOR = 'system:library';

/**
 * Installs the seed library into a tenant: rows of its own with `is_seed = true`, each checked
 * like any save and published as `created`. Idempotent per library version; entries whose id
 * the tenant already has are left alone, so a newer library adds to a tenant's edits, never over them.
 * Returns whether this call installed it.
 */
export function installLibrary(store: RegistryStore, tenantId: string): Promise<boolean> {
  return store.transaction(tenantId, async (tx) => {
    if (!(await tx.claimLibraryInstall(LIBRARY_VERSION))) return false;
    const lib = seedLibrary();
    await seed(tx, 'kpi', lib.kpis);
    await seed(tx, 'kra', lib.kras);
    await seed(tx, 'rating_scheme', lib.rating_schemes);
    await seed(tx, 'bonus_policy', lib.bonus_policies);
    await seed(tx, 'trigger_rule', lib.trigger_rules);
    await seed(tx, 'binding', lib.bindings);
    for (const t of lib.templates) {
      if (!(await tx.template(t.id)))
        await createTemplateIn(tx, LIBRARY_ACTOR, t.body, { id: t.id, isSeed: true });
    }
    for (const ct of lib.contract_templates) {
      if (await tx.contractTemplateKpis(ct.id)) continue;
      const version = await tx.putContractTemplateKpis(ct.id, ct.kpis);
      await tx.record({
        entityType: 'contract_template_kpis',
        entityId: ct.id,
        version,
        change: 'created',
        actor: LIBRARY_ACTOR,
        before: null,
        state: ct.kpis,
      });
    }
    return true;
  });
}

async function seed(tx: RegistryTx, type: GenericEntityType, entries: SeedEntity[]): Promise<void> {
  for (const { id, body } of entries) {
    if (await tx.entity(type, id)) continue;
    const value = valueOrThrow(await checkEntity(tx, type, body, id));
    const state = entityState(await tx.insertEntity(type, id, value, true));
    await tx.record({
      entityType: type,
      entityId: id,
      version: 1,
      change: 'created',
      actor: LIBRARY_ACTOR,
      before: null,
      state,
    });
  }
}

/** Installs the library on a tenant's first request to this process (the install itself is idempotent). */
export function libraryOnFirstUse(store: RegistryStore): (tenantId: string) => Promise<void> {
  const done = new Set<string>();
  return async (tenantId) => {
    if (done.has(tenantId)) return;
    await installLibrary(store, tenantId);
    done.add(tenantId);
  };
}
