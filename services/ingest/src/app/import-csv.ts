import { MAX_IMPORT_ERRORS, MAX_INGEST_BATCH } from '@scorecard/api';
import { ValidationError } from '@scorecard/errors';
import { csvToEvents, type CsvImportOptions } from '../domain/csv-import/csv-events';
import type { LineError } from '../domain/csv-import/csv-rows';
import { uniqueEvents, type AcceptResult } from './accept-events';
import type { IngestEvent } from '@scorecard/contracts';

export interface ImportCsvDeps {
  /** The one accept path: claims and publish of one batch in one transaction. */
  accept: (tenantId: string, events: readonly IngestEvent[]) => Promise<AcceptResult>;
  /** Which of these event ids were accepted before (read only: a dry run claims nothing). */
  acceptedBefore: (tenantId: string, eventIds: readonly string[]) => Promise<Set<string>>;
}

export interface ImportCsvRequest extends CsvImportOptions {
  csv: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

export interface ImportReport {
  source: string;
  entity: string;
  dry_run: boolean;
  rows: number;
  valid: number;
  invalid: number;
  accepted: number;
  would_accept?: number;
  duplicates: number;
  errors: LineError[];
}

/** The accept path failed after `accepted` events of earlier batches were kept. */
export class ImportInterrupted extends Error {
  constructor(
    readonly accepted: number,
    readonly total: number,
    readonly failure: unknown,
  ) {
    super(`the import stopped after ${accepted} of ${total} events were accepted`);
    this.name = 'ImportInterrupted';
  }
}

const lineErrorPath = (e: LineError) => ({
  path: `lines[${e.line}].${e.field}`,
  message: e.column === undefined ? e.message : `${e.message} (column "${e.column}")`,
});

/**
 * Imports a CSV file as canonical source events. The whole file is mapped and validated first;
 * a bad row refuses the file (400 naming `lines[n].field`, nothing accepted) unless `skipInvalid`.
 * A dry run stops there and counts what an import would accept. An import accepts the events in
 * batches of at most 5,000, each atomic like `POST /api/v1/ingest/events`; should the event log
 * fail midway, earlier batches stay accepted (`ImportInterrupted`) and importing the same file
 * again accepts the rest, the kept rows coming back as duplicates.
 */
export async function importCsv(
  deps: ImportCsvDeps,
  tenantId: string,
  req: ImportCsvRequest,
): Promise<ImportReport> {
  const plan = csvToEvents(req.csv, req);
  if (!plan.ok) throw new ValidationError(plan.errors, 'The file or its column map cannot be imported');
  const events = plan.events.map((r) => r.event);
  if (!req.dryRun && !req.skipInvalid && plan.invalidRows > 0) {
    throw new ValidationError(
      plan.errors.slice(0, MAX_IMPORT_ERRORS).map(lineErrorPath),
      `${plan.invalidRows} of ${plan.rows} rows are invalid; nothing was imported (fix them, or import with skip_invalid to leave them out)`,
    );
  }
  const report = {
    source: req.source,
    entity: req.entity,
    dry_run: req.dryRun,
    rows: plan.rows,
    valid: events.length,
    invalid: plan.invalidRows,
    errors: plan.errors.slice(0, MAX_IMPORT_ERRORS),
  };
  if (req.dryRun) {
    const unique = uniqueEvents(tenantId, events);
    const before = await deps.acceptedBefore(
      tenantId,
      unique.map((u) => u.eventId),
    );
    const fresh = unique.length - before.size;
    return { ...report, accepted: 0, would_accept: fresh, duplicates: events.length - fresh };
  }
  const total = { accepted: 0, duplicates: 0 };
  for (let i = 0; i < events.length; i += MAX_INGEST_BATCH) {
    try {
      const r = await deps.accept(tenantId, events.slice(i, i + MAX_INGEST_BATCH));
      total.accepted += r.accepted;
      total.duplicates += r.duplicates;
    } catch (err) {
      throw new ImportInterrupted(total.accepted, events.length, err);
    }
  }
  return { ...report, ...total };
}
