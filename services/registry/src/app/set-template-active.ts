import { NotFoundError } from '@scorecard/errors';
import { templateState } from '../domain/template-state';
import type { Actor, RegistryStore } from './registry-store';

/** Activates or deactivates a template as a whole (its versions stay as published). */
export function setTemplateActive(
  store: RegistryStore,
  actor: Actor,
  id: string,
  active: boolean,
  reason?: string,
) {
  return store.transaction(actor.tenantId, async (tx) => {
    const current = await tx.template(id, true);
    if (!current) throw new NotFoundError(`No template ${id}`);
    const versions = await tx.templateVersions(id);
    if (current.active === active) return templateState(current, versions);
    const state = templateState(await tx.updateTemplate(id, { active }), versions);
    await tx.record({
      entityType: 'template',
      entityId: id,
      version: current.latest_version,
      change: active ? 'activated' : 'deactivated',
      actor: actor.subject,
      before: templateState(current, versions),
      state,
      reason,
    });
    return state;
  });
}
