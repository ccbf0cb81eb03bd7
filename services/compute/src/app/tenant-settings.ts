import type { EntityManager } from 'typeorm';
import { effectiveSettings, type BindingSettingValues } from '@scorecard/bindings';
import { mergeBindingSettings, storedBindingSettings } from '../adapters/postgres/settings-store';
import {
  markPeopleDirty,
  openPeriodIds,
  setTenantTimezone,
  tenantTimezone,
} from '../adapters/postgres/periods-store';

export type TenantSettings = { timezone: string } & BindingSettingValues;

/** The tenant's time zone and binding settings, defaults where it has set none. */
export async function readSettings(
  em: EntityManager,
  tenantId: string,
  defaultTimezone: string,
): Promise<TenantSettings> {
  return {
    timezone: await tenantTimezone(em, tenantId, defaultTimezone),
    ...effectiveSettings(await storedBindingSettings(em, tenantId)),
  };
}

/**
 * Applies validated settings. A changed binding setting changes what the bindings measure, so the
 * tenant's people are marked dirty in every open period and rescored.
 */
export async function updateSettings(
  em: EntityManager,
  tenantId: string,
  body: { timezone?: string | undefined } & Record<string, unknown>,
  defaultTimezone: string,
): Promise<TenantSettings> {
  const { timezone, ...binding } = body;
  if (timezone !== undefined) await setTenantTimezone(em, tenantId, timezone);
  if (Object.keys(binding).length > 0 && (await mergeBindingSettings(em, tenantId, binding)))
    await markPeopleDirty(em, tenantId, await openPeriodIds(em, tenantId));
  return readSettings(em, tenantId, defaultTimezone);
}
