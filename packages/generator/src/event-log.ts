/** One canonical ingest event, as `POST /api/v1/ingest/events` takes it. */
export interface GeneratedEvent {
  source: 'hr' | 'ticketing' | 'field_service' | 'noc' | 'finance' | 'crm' | 'care' | 'learning';
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  occurred_at: string;
  version: number;
  data: Record<string, string | number | boolean>;
}

type Data = Record<string, string | number | boolean | undefined>;

/**
 * Collects events, numbering each record's versions 1, 2, 3… in the order its states are emitted,
 * and drops states after the end of the generated window (they have not happened yet).
 */
export class EventLog {
  readonly events: GeneratedEvent[] = [];
  private readonly versions = new Map<string, number>();

  constructor(private readonly endMs: number) {}

  emit(source: GeneratedEvent['source'], entity: string, id: string, atMs: number, data: Data): void {
    if (atMs >= this.endMs) return;
    const key = `${source}/${entity}/${id}`;
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    const clean: GeneratedEvent['data'] = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) clean[k] = v;
    this.events.push({
      source,
      entity,
      id,
      op: 'upsert',
      occurred_at: new Date(atMs).toISOString(),
      version,
      data: clean,
    });
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
