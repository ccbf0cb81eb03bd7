import { NotFoundError } from '@scorecard/errors';
import { templateState, templateVersionState } from '../domain/template-state';
import type { RegistryStore } from './registry-store';

export function getTemplate(store: RegistryStore, tenantId: string, id: string) {
  return store.transaction(tenantId, async (tx) => {
    const t = await tx.template(id);
    if (!t) throw new NotFoundError(`No template ${id}`);
    return templateState(t, await tx.templateVersions(id));
  });
}

export function getTemplateVersion(store: RegistryStore, tenantId: string, id: string, version: number) {
  return store.transaction(tenantId, async (tx) => {
    const v = (await tx.templateVersions(id)).find((x) => x.version === version);
    if (!v) throw new NotFoundError(`No version ${version} of template ${id}`);
    return templateVersionState(v);
  });
}

export function listTemplates(store: RegistryStore, tenantId: string) {
  return store.transaction(tenantId, async (tx) => {
    const versions = await tx.templateVersions();
    const items = (await tx.templates()).map((t) =>
      templateState(
        t,
        versions.filter((v) => v.template_id === t.id),
      ),
    );
    return { items };
  });
}
