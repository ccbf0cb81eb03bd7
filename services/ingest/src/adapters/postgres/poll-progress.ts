import type { DataSource } from 'typeorm';
import type { PollCursor, PollProgress } from '../../app/poll-table';
import type { SourcePublisher } from '../../app/accept-events';
import { transactionalAccept } from './transactional-accept';

/** The saved cursor of one polled input, advanced in the same transaction as the page's claims. */
export function pollProgress(ds: DataSource, publisher: SourcePublisher, name: string): PollProgress {
  return {
    async load() {
      const rows = await ds.query<{ cursor_ts: string; cursor_id: string }[]>(
        'SELECT cursor_ts, cursor_id FROM poll_cursors WHERE name = $1',
        [name],
      );
      const r = rows[0];
      return r ? { ts: r.cursor_ts, id: r.cursor_id } : undefined;
    },
    acceptAndAdvance(tenantId, events, cursor: PollCursor) {
      const accept = transactionalAccept(ds, publisher, async (em) => {
        await em.query(
          `INSERT INTO poll_cursors (name, cursor_ts, cursor_id) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET cursor_ts = EXCLUDED.cursor_ts, cursor_id = EXCLUDED.cursor_id, updated_at = now()`,
          [name, cursor.ts, cursor.id],
        );
      });
      return accept(tenantId, events);
    },
  };
}
