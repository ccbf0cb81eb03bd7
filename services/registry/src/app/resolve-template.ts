import { NotFoundError } from '@scorecard/errors';
import { matchedBy, resolveTemplate, type Person } from '@scorecard/template-precedence';
import { templateVersionState } from '../domain/template-state';
import type { RegistryStore } from './registry-store';

/** The template version that applies to a person at an instant (see @scorecard/template-precedence). */
export function resolveTemplateFor(store: RegistryStore, tenantId: string, person: Person, at: Date) {
  return store.transaction(tenantId, async (tx) => {
    const active = new Map((await tx.templates()).map((t) => [t.id, t.active]));
    const versions = (await tx.templateVersions()).map((v) => ({
      ...v,
      scope: v.body.scope,
      effective_from: v.body.effective_from,
      effective_to: v.body.effective_to,
      active: active.get(v.template_id) ?? false,
    }));
    const found = resolveTemplate(versions, person, at);
    if (!found) throw new NotFoundError('No active template applies to this person at that time');
    return {
      ...templateVersionState(found.winner),
      matched_by: matchedBy(found.winner.scope),
      candidates: found.candidates,
    };
  });
}
