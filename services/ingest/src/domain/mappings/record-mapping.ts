import type { SourceDomain } from '@scorecard/contracts';

/**
 * A declarative mapping from one external record shape (an ERP table row, a webhook payload) onto a
 * canonical (source, entity) event. Mappings are data: the one engine in `map-record.ts` runs them
 * for CDC, polling and webhooks alike.
 */
export interface RecordMapping {
  /** Unique name, referenced by configuration (`CDC_TOPICS`, `POLL_TABLES`). */
  name: string;
  description: string;
  source: SourceDomain;
  entity: string;
  /** Path of the record's id (dotted for nested payloads). */
  id: string;
  /** Paths tried in order for the event time; the first present one wins. */
  occurredAt: readonly string[];
  /** Path of a monotonically increasing version (a number or a timestamp); else the caller's. */
  version?: string;
  /** Canonical field → how to read it; values are converted to the field's catalog type. */
  fields: Readonly<Record<string, FieldRule>>;
  /** Non-canonical paths carried along as extra data under their last segment's name. */
  extra?: readonly string[];
  /** A soft-delete flag: when this path is truthy the event is a delete. */
  deletedFlag?: string;
}

export type FieldRule =
  /** A path, copied as it is. */
  | string
  | {
      /** One path, or several tried in order (first present wins). */
      from?: string | readonly string[];
      /** True when any of these paths is truthy (e.g. either SLA breached). */
      any?: readonly string[];
      /** A vocabulary: source value (matched case-insensitively) → canonical value. */
      map?: Readonly<Record<string, string | number | boolean>>;
      /** A constant. */
      value?: string | number | boolean;
    };
