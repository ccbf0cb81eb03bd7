import { entityState, GENERIC_ENTITY_TYPES } from '../domain/entity-types';
import { templateState, templateVersionState } from '../domain/template-state';
import type { Actor, RegistryStore } from './registry-store';

export const REPLAY_ACTOR = 'system:replay';

/**
 * Republishes the current state of every entity of the tenant (change `updated`, no audit row:
 * nothing changed), so a consumer can rebuild its read model from the topic alone.
 */
export function replayChanges(store: RegistryStore, actor: Actor) {
  return store.transaction(actor.tenantId, async (tx) => {
    let published = 0;
    const publish = (c: {
      entityType: Parameters<typeof tx.record>[0]['entityType'];
      entityId: string;
      version: number;
      state: unknown;
    }) => {
      published++;
      return tx.record({ ...c, change: 'updated', actor: REPLAY_ACTOR, before: null, publishOnly: true });
    };
    for (const type of GENERIC_ENTITY_TYPES)
      for (const e of await tx.entities(type))
        await publish({ entityType: type, entityId: e.id, version: e.version, state: entityState(e) });
    const versions = await tx.templateVersions();
    for (const v of versions)
      await publish({
        entityType: 'template_version',
        entityId: v.template_id,
        version: v.version,
        state: templateVersionState(v),
      });
    for (const t of await tx.templates()) {
      const own = versions.filter((v) => v.template_id === t.id);
      await publish({
        entityType: 'template',
        entityId: t.id,
        version: t.latest_version,
        state: templateState(t, own),
      });
    }
    for (const id of await tx.contractTemplateIds()) {
      const c = await tx.contractTemplateKpis(id);
      if (c)
        await publish({
          entityType: 'contract_template_kpis',
          entityId: id,
          version: c.version,
          state: c.kpis,
        });
    }
    return { published, requested_by: actor.subject };
  });
}
