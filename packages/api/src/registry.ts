import { z } from 'zod';
import { bindingSchema } from '@scorecard/bindings';
import {
  bonusPolicySchema,
  kpiSchema,
  ratingScheme,
  templateSchema,
  triggerRuleSchema,
} from '@scorecard/scoring';
import { id, itemList, jsonObject, queryBool } from './common';
import type { ApiOperation } from './operation';

// Registry bodies: the scoring half of a KPI, templates, policies and bindings are validated by
// @scorecard/scoring and @scorecard/bindings with the schemas referenced here; the rest is declared here.

const positive = z.number().finite().gt(0, 'must be > 0');
const nonEmpty = z.string().min(1, 'must be a non-empty string');

export const KPI_TARGET_TYPES = ['numeric', 'percent', 'duration', 'count'] as const;

/** The coaching half of the merged KPI model. */
export const kpiCoachingFields = z.object({
  description: z.string().optional(),
  target_type: z.enum(KPI_TARGET_TYPES).optional(),
  objective: z.string().optional(),
  measurement_method: z.string().optional(),
  data_sources: z.array(z.string().min(1)).default([]),
  role_groups: z.array(z.string().min(1)).default([]),
  coaching_tips: z.array(z.string().min(1)).default([]),
  is_default_for_role: z.boolean().default(false),
  display_order: z.number().int().default(0),
});

export const kraBody = z.object({
  name: nonEmpty,
  description: z.string().optional(),
  weight_default: positive,
  /** The KRA↔KPI map: the KPIs this KRA groups, with an optional weight for each. */
  kpis: z.array(z.object({ kpi_id: z.string().min(1), weight_override: positive.optional() })).default([]),
});

/** Bonus policies and rating schemes need a name; a trigger rule may have one. */
export const entityName = z.object({ name: nonEmpty });
export const optionalEntityName = z.object({ name: nonEmpty.optional() });

const instant = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an ISO-8601 date or timestamp',
  );

export const templateEffectiveDates = z
  .object({ effective_from: instant, effective_to: instant.nullish() })
  .refine((d) => !d.effective_to || Date.parse(d.effective_to) > Date.parse(d.effective_from), {
    message: 'effective_to must be after effective_from',
    path: ['effective_to'],
  });

/** The KPIs a contract template attaches (`PUT /hr/templates/{id}/kpis`). */
export const contractTemplateKpis = z.array(
  z.object({
    kpi_module_id: nonEmpty,
    weight: positive,
    is_required: z.boolean().default(false),
    custom_target: z.number().finite().optional(),
  }),
);

/** An optional `reason` recorded in the audit trail of a state change. */
export const reasonBody = z.object({ reason: z.string().optional() });

export const registryListQuery = z.object({
  active: queryBool.optional(),
  category: z.string().min(1).optional(),
  role_group: z.string().min(1).optional(),
  kpi_id: z.string().min(1).optional(),
});
export const normalizeQuery = z.object({ normalize: queryBool.optional() });
export const resolveTemplateQuery = z.object({
  role: z.string().min(1).optional(),
  role_group: z.string().min(1).optional(),
  department_id: z.string().min(1).optional(),
  at: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 timestamp')
    .optional(),
});
export const templateVersionParams = z.object({ id, version: z.coerce.number().int().min(1) });
export const kpiModulesQuery = z.object({ role_group: z.string().min(1).optional() });

const templateBody = z.intersection(templateSchema, templateEffectiveDates);

/** The generic collections under `/admin`, with the body each one saves. */
export const REGISTRY_COLLECTIONS = {
  kpis: { noun: 'KPI', body: z.intersection(kpiSchema, kpiCoachingFields) },
  kras: { noun: 'KRA', body: kraBody },
  bindings: { noun: 'KPI binding', body: bindingSchema },
  'bonus-policies': { noun: 'bonus policy', body: z.intersection(entityName, bonusPolicySchema) },
  'trigger-rules': { noun: 'trigger rule', body: z.intersection(optionalEntityName, triggerRuleSchema) },
  'rating-schemes': { noun: 'rating scheme', body: z.intersection(entityName, ratingScheme) },
} as const;

const ADMIN = '/api/v1/admin';
const tag = 'registry';

/** `POST <entity>/activate` and `…/deactivate`, each with an optional audit reason. */
const stateChanges = (entity: string, noun: string) =>
  (['activate', 'deactivate'] as const).map((action): ApiOperation => ({
    method: 'POST',
    path: `${entity}/${action}`,
    summary: `${action === 'activate' ? 'Activate' : 'Deactivate'} a ${noun}`,
    tag,
    body: reasonBody,
  }));

const collectionOperations = Object.entries(REGISTRY_COLLECTIONS).flatMap(
  ([path, { noun, body }]): ApiOperation[] => [
    {
      method: 'POST',
      path: `${ADMIN}/${path}`,
      summary: `Create a ${noun}`,
      tag,
      body,
      ok: { status: 201 },
      errors: [409, 422],
    },
    {
      method: 'GET',
      path: `${ADMIN}/${path}`,
      summary: `List ${noun}s`,
      tag,
      query: registryListQuery,
      ok: { schema: itemList },
    },
    { method: 'GET', path: `${ADMIN}/${path}/{id}`, summary: `One ${noun}`, tag },
    {
      method: 'PATCH',
      path: `${ADMIN}/${path}/{id}`,
      summary: `Change a ${noun} (merge patch: top-level keys replace, null removes; the result must be valid)`,
      tag,
      body: jsonObject,
      errors: [409, 422],
    },
    ...stateChanges(`${ADMIN}/${path}/{id}`, noun),
  ],
);

export const registryOperations: readonly ApiOperation[] = [
  ...collectionOperations,
  {
    method: 'POST',
    path: `${ADMIN}/templates`,
    summary: 'Create a template and publish its version 1',
    tag,
    query: normalizeQuery,
    body: templateBody,
    ok: { status: 201 },
    errors: [409, 422],
  },
  { method: 'GET', path: `${ADMIN}/templates`, summary: 'List templates', tag },
  {
    method: 'GET',
    path: `${ADMIN}/templates/resolve`,
    summary: 'The template that applies to a person (role, role group, department) at a time',
    tag,
    query: resolveTemplateQuery,
  },
  { method: 'GET', path: `${ADMIN}/templates/{id}`, summary: 'A template with all its versions', tag },
  {
    method: 'GET',
    path: `${ADMIN}/templates/{id}/versions/{version}`,
    summary: 'One published version of a template',
    tag,
    params: templateVersionParams,
  },
  {
    method: 'POST',
    path: `${ADMIN}/templates/{id}/versions`,
    summary: 'Publish the next version of a template',
    tag,
    query: normalizeQuery,
    body: templateBody,
    ok: { status: 201 },
    errors: [409, 422],
  },
  ...stateChanges(`${ADMIN}/templates/{id}`, 'template'),
  {
    method: 'POST',
    path: `${ADMIN}/registry/replay`,
    summary: 'Republish the current state of every registry entity (rebuilds consumers’ views)',
    tag,
  },
  {
    method: 'POST',
    path: `${ADMIN}/library/install`,
    summary: 'Install the seeded KPI library into the tenant (idempotent)',
    tag,
    ok: { schema: z.object({ installed: z.unknown() }) },
  },
  {
    method: 'GET',
    path: '/api/v1/hr/kpi-modules',
    summary: 'Active KPIs of the coaching library',
    tag: 'coaching',
    query: kpiModulesQuery,
    ok: { schema: itemList },
  },
  { method: 'GET', path: '/api/v1/hr/kpi-modules/{id}', summary: 'One KPI of the library', tag: 'coaching' },
  {
    method: 'GET',
    path: '/api/v1/hr/templates/{templateId}/kpis',
    summary: 'The KPIs a contract template attaches',
    tag: 'coaching',
    ok: { schema: contractTemplateKpis },
  },
  {
    method: 'PUT',
    path: '/api/v1/hr/templates/{templateId}/kpis',
    summary: 'Replace the KPIs a contract template attaches (the list, or {kpis, reason})',
    tag: 'coaching',
    body: z.union([
      contractTemplateKpis,
      z.object({ kpis: contractTemplateKpis, reason: z.string().optional() }),
    ]),
    errors: [422],
  },
];
