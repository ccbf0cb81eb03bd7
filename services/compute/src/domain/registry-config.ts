import { validateBinding, type Binding, type BindingValidation } from '@scorecard/bindings';
import type { GuardrailRule, KpiDefinition, RatingScheme, ScoringMethod } from '@scorecard/scoring';
import type { Person, PublishedVersion } from '@scorecard/template-precedence';

/**
 * Compute's view of the registry's config entities, read from `state_json` of
 * `scorecard.registry.changed.v1`: exactly the registry's GET bodies (services/registry/README.md,
 * "state_json shapes").
 */
export interface TemplateItem {
  kpi_id: string;
  weight?: number;
  target_override?: number;
  scoring_method_override?: ScoringMethod;
  is_required?: boolean;
}

/** A `template_version` state, with its template's active flag (from the `template` entity). */
export interface TemplateVersion extends PublishedVersion {
  name: string;
  kras: { kra_id: string; weight: number; kpis: TemplateItem[] }[];
  guardrails?: GuardrailRule[];
  rating_scheme_id?: string;
}

export type KpiConfig = KpiDefinition & { id: string; active?: boolean };
export interface KraConfig {
  id: string;
  name?: string;
  kpis?: { kpi_id: string; weight_override?: number }[];
}
export type RatingSchemeConfig = RatingScheme & { id: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The versions a `template` state lists (`versions: [<template_version>…]`). Storing them as
 * versions too makes a template usable whichever of its events (keyed apart, so on different
 * partitions) arrives first.
 */
export function templateVersionsOf(state: unknown): { version: number; state: Record<string, unknown> }[] {
  if (!isObject(state) || !Array.isArray(state['versions'])) return [];
  return state['versions']
    .filter(isObject)
    .filter((v) => Number.isInteger(v['version']) && Array.isArray(v['kras']))
    .map((v) => ({ version: v['version'] as number, state: v }));
}

/** A `template` state without its versions: what compute keeps of it is the active flag. */
export function templateHeader(state: unknown): unknown {
  if (!isObject(state)) return state;
  const { versions: _versions, ...header } = state;
  return header;
}

/** The registry's entity metadata next to every binding body (not part of the binding language). */
const BINDING_METADATA = new Set(['id', 'version', 'active', 'is_seed', 'created_at', 'updated_at']);

/** A registry binding state as a validated `@scorecard/bindings` binding (errors name the field). */
export function bindingFromState(state: unknown): BindingValidation<Binding> {
  const body = isObject(state)
    ? Object.fromEntries(Object.entries(state).filter(([k]) => !BINDING_METADATA.has(k)))
    : state;
  return validateBinding(body);
}

/** The person attributes a template's scope is matched against (people rows hold nulls). */
export function personScope(p: {
  role: string | null;
  role_group: string | null;
  department_id: string | null;
}): Person {
  return {
    ...(p.role === null ? {} : { role: p.role }),
    ...(p.role_group === null ? {} : { role_group: p.role_group }),
    ...(p.department_id === null ? {} : { department_id: p.department_id }),
  };
}
