import type { TemplateInput } from '@scorecard/scoring';

export interface TemplateRecord {
  id: string;
  name: string;
  active: boolean;
  is_seed: boolean;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

export interface TemplateVersionRecord {
  template_id: string;
  version: number;
  /** The checked body: name, scope, effective_from/to (ISO-8601 UTC), kras, guardrails, rating_scheme_id. */
  body: TemplateInput;
  published_at: string;
  published_by: string;
}

/** `GET /api/v1/admin/templates/{id}/versions/{n}`, and a `template_version` event's state. */
export function templateVersionState(v: TemplateVersionRecord): Record<string, unknown> {
  return {
    template_id: v.template_id,
    version: v.version,
    ...v.body,
    published_at: v.published_at,
    published_by: v.published_by,
  };
}

/** `GET /api/v1/admin/templates/{id}`, and a `template` event's state. */
export function templateState(
  t: TemplateRecord,
  versions: readonly TemplateVersionRecord[],
): Record<string, unknown> {
  return { ...t, versions: versions.map(templateVersionState) };
}
