import { findMapping } from './mappings/mapping-catalog';
import type { RecordMapping } from './mappings/record-mapping';

/** One configured input (a CDC topic or a polled table) with its mapping and tenant. */
export interface ConnectorSpec {
  /** The change topic, or the `schema.table` to poll. */
  input: string;
  mapping: RecordMapping;
  tenantId: string;
}

/**
 * Parses `input=mapping[@tenant],…` (the form of `CDC_TOPICS` and `POLL_TABLES`). Throws naming
 * the entry at fault, so a typo stops the service at start instead of dropping data later.
 */
export function parseConnectorSpecs(spec: string, defaultTenant: string): ConnectorSpec[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([^=\s]+)=([^@\s]+)(?:@(\S+))?$/.exec(entry);
      if (!m?.[1] || !m[2]) throw new Error(`"${entry}" is not input=mapping[@tenant]`);
      const mapping = findMapping(m[2]);
      if (!mapping) throw new Error(`"${entry}": unknown mapping "${m[2]}"`);
      return { input: m[1], mapping, tenantId: m[3] ?? defaultTenant };
    });
}
