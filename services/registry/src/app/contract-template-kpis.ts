import { contractTemplateKpis } from '@scorecard/api';
import { invalid, unprocessable, zodIssues } from '../domain/checked';
import { valueOrThrow } from './checked-or-throw';
import type { Actor, ContractTemplateKpi, RegistryStore } from './registry-store';

/** Contract template KPIs as `GET /api/v1/hr/templates/{id}/kpis` returns them (empty when unset). */
export function getContractTemplateKpis(store: RegistryStore, tenantId: string, templateId: string) {
  return store.transaction(tenantId, async (tx) => (await tx.contractTemplateKpis(templateId))?.kpis ?? []);
}

/** Replaces the KPIs a contract template attaches; each must be a KPI module of the tenant, once. */
export function putContractTemplateKpis(
  store: RegistryStore,
  actor: Actor,
  templateId: string,
  input: unknown,
  reason?: string,
) {
  const parsed = contractTemplateKpis.safeParse(input);
  const kpis: ContractTemplateKpi[] = valueOrThrow(
    parsed.success
      ? { ok: true, value: parsed.data as ContractTemplateKpi[] }
      : invalid(zodIssues(parsed.error.issues)),
  );
  return store.transaction(actor.tenantId, async (tx) => {
    const known = new Set((await tx.entities('kpi')).map((k) => k.id));
    const seen = new Set<string>();
    const problems = kpis.flatMap((k, i) => {
      const dupe = seen.has(k.kpi_module_id);
      seen.add(k.kpi_module_id);
      if (dupe) return [{ path: `[${i}].kpi_module_id`, message: 'KPI module appears twice' }];
      return known.has(k.kpi_module_id)
        ? []
        : [{ path: `[${i}].kpi_module_id`, message: `unknown KPI module ${k.kpi_module_id}` }];
    });
    if (problems.length > 0) valueOrThrow(unprocessable(problems));
    const before = (await tx.contractTemplateKpis(templateId))?.kpis ?? null;
    const version = await tx.putContractTemplateKpis(templateId, kpis);
    await tx.record({
      entityType: 'contract_template_kpis',
      entityId: templateId,
      version,
      change: version === 1 ? 'created' : 'updated',
      actor: actor.subject,
      before,
      state: kpis,
      reason,
    });
    return kpis;
  });
}
