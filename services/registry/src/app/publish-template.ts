import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@scorecard/errors';
import type { TemplateInput } from '@scorecard/scoring';
import { checkTemplateBody } from '../domain/template-body';
import { templateState, templateVersionState } from '../domain/template-state';
import { kpisById } from './check-entity';
import { splitReason, valueOrThrow } from './checked-or-throw';
import type { Actor, RegistryStore, RegistryTx } from './registry-store';

export interface PublishOptions {
  /** Rescale KRA weights to 100 instead of rejecting them. */
  normalize?: boolean;
  isSeed?: boolean;
  /** The id of a new template (seeds use stable ids); random when absent. */
  id?: string;
}

/** Creates a template and publishes its version 1. */
export function createTemplate(
  store: RegistryStore,
  actor: Actor,
  input: unknown,
  opts: PublishOptions = {},
) {
  return store.transaction(actor.tenantId, (tx) => createTemplateIn(tx, actor.subject, input, opts));
}

/** Publishes the next immutable version of a template; earlier versions stay as they were. */
export function publishTemplateVersion(
  store: RegistryStore,
  actor: Actor,
  id: string,
  input: unknown,
  opts: PublishOptions = {},
) {
  return store.transaction(actor.tenantId, async (tx) => {
    const template = await tx.template(id, true);
    if (!template) throw new NotFoundError(`No template ${id}`);
    const { body, reason } = splitReason(input);
    const value = await checkedBody(tx, body, opts.normalize ?? false);
    return publishIn(tx, actor.subject, id, template.latest_version + 1, value, reason);
  });
}

export async function createTemplateIn(
  tx: RegistryTx,
  subject: string,
  input: unknown,
  opts: PublishOptions,
) {
  const { body, reason } = splitReason(input);
  const id = opts.id ?? randomUUID();
  const value = await checkedBody(tx, body, opts.normalize ?? false);
  await tx.insertTemplate(id, value.name, opts.isSeed ?? false);
  return publishIn(tx, subject, id, 1, value, reason);
}

async function checkedBody(tx: RegistryTx, body: unknown, normalize: boolean) {
  const kpis = await kpisById(tx);
  const kras = new Set((await tx.entities('kra')).map((k) => k.id));
  const schemes = new Set((await tx.entities('rating_scheme')).map((s) => s.id));
  return valueOrThrow(
    checkTemplateBody(
      body,
      { kpi: (k) => kpis.get(k), kraExists: (k) => kras.has(k), ratingSchemeExists: (s) => schemes.has(s) },
      normalize,
    ),
  );
}

async function publishIn(
  tx: RegistryTx,
  subject: string,
  id: string,
  version: number,
  value: TemplateInput,
  reason: string | undefined,
) {
  const before =
    version === 1 ? null : templateState((await tx.template(id))!, await tx.templateVersions(id));
  const published = await tx.insertTemplateVersion(id, version, value, subject);
  const template = await tx.updateTemplate(id, { name: value.name, latest_version: version });
  const state = templateState(template, await tx.templateVersions(id));
  await tx.record({
    entityType: 'template_version',
    entityId: id,
    version,
    change: 'published',
    actor: subject,
    before: null,
    state: templateVersionState(published),
    reason,
  });
  await tx.record({
    entityType: 'template',
    entityId: id,
    version,
    change: version === 1 ? 'created' : 'published',
    actor: subject,
    before,
    state,
    reason,
  });
  return state;
}
