import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { templateHeader, templateVersionsOf } from '../domain/registry-config';
import { storeConfig, type ConfigChange } from '../adapters/postgres/config-store';
import { markPeopleDirty, openPeriodIds } from '../adapters/postgres/periods-store';

const DEACTIVATED = 5;

/**
 * Keeps the registry read model: one row per entity version, in the registry's own shapes
 * (`template_version` rows keyed by template id and version; `template` rows for the active
 * flag). A change that alters anything marks the tenant's people dirty in every open period, so
 * provisional scores follow config (pinned template versions keep scoring instances that already
 * exist).
 */
export async function recordRegistryChange(
  msg: ConsumedMessage<'scorecard.registry.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const e = msg.value;
  let state: unknown;
  try {
    state = JSON.parse(e.stateJson);
  } catch {
    throw new Error(`state_json of ${e.entityType} ${e.entityId} is not JSON`);
  }
  const stateActive = (state as { active?: unknown } | null)?.['active'];
  const active = (e.change as number) !== DEACTIVATED && stateActive !== false;
  const change: ConfigChange = {
    tenantId: e.tenantId,
    entityType: e.entityType,
    entityId: e.entityId,
    version: e.version,
    active,
    state,
    changedAt: e.changedAt || new Date(0).toISOString(),
  };
  const writes: ConfigChange[] =
    e.entityType === 'template'
      ? [
          { ...change, state: templateHeader(state) },
          ...templateVersionsOf(state).map((v) => ({
            ...change,
            entityType: 'template_version',
            version: v.version,
            active: true,
            state: v.state,
          })),
        ]
      : [change];
  let changed = false;
  for (const w of writes) changed = (await storeConfig(em, w)) || changed;
  if (changed) await markPeopleDirty(em, e.tenantId, await openPeriodIds(em, e.tenantId));
}
