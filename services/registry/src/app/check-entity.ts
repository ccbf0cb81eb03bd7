import type { KpiDefinition } from '@scorecard/scoring';
import { checkBindingBody } from '../domain/binding-body';
import type { Checked } from '../domain/checked';
import type { GenericEntityType } from '../domain/entity-types';
import { assertNever } from '@scorecard/errors';
import { checkKpiBody } from '../domain/kpi-body';
import { checkKraBody } from '../domain/kra-body';
import { checkBonusPolicyBody, checkRatingSchemeBody, checkTriggerRuleBody } from '../domain/policy-bodies';
import type { RegistryTx } from './registry-store';

/** The tenant's KPIs by id, for reference checks. */
export async function kpisById(tx: RegistryTx): Promise<Map<string, KpiDefinition>> {
  return new Map((await tx.entities('kpi')).map((e) => [e.id, e.body as unknown as KpiDefinition]));
}

/** Checks a body of a generic entity on save, with the tenant's entities it refers to. */
export async function checkEntity(
  tx: RegistryTx,
  type: GenericEntityType,
  input: unknown,
  id: string,
): Promise<Checked<object>> {
  switch (type) {
    case 'kpi':
      return checkKpiBody(input);
    case 'kra': {
      const kpis = await kpisById(tx);
      return checkKraBody(input, (k) => kpis.has(k));
    }
    case 'binding': {
      const kpis = await kpisById(tx);
      return checkBindingBody(input, (k) => kpis.has(k));
    }
    case 'bonus_policy':
      return checkBonusPolicyBody(input);
    case 'trigger_rule':
      return checkTriggerRuleBody(input, id);
    case 'rating_scheme':
      return checkRatingSchemeBody(input);
    default:
      return assertNever(type);
  }
}
