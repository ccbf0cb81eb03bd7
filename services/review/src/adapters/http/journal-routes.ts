import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { journalDecisionBody, journalEntryBody, journalListQuery } from '@scorecard/api';
import { parseWith, readIdentity } from '@scorecard/http';
import { decideJournalEntry } from '../../app/decide-journal-entry';
import { listJournalEntries } from '../../app/list-journal-entries';
import { writeJournalEntry } from '../../app/write-journal-entry';

/** The Living Journal: read, append, decide pending entries. */
export function journalRoutes(ds: DataSource, now: () => Date) {
  return (app: Express) => {
    app.get('/api/v1/journal/:staffId/entries', async (req, res) => {
      const q = parseWith(journalListQuery, req.query);
      res.json(
        await listJournalEntries(ds, readIdentity(req), req.params.staffId, {
          ...(q.period_id ? { periodId: q.period_id } : {}),
          ...(q.limit ? { limit: q.limit } : {}),
        }),
      );
    });
    app.post('/api/v1/journal/:staffId/entries', async (req, res) => {
      res
        .status(201)
        .json(
          await writeJournalEntry(
            ds,
            readIdentity(req),
            req.params.staffId,
            parseWith(journalEntryBody, req.body),
            now,
          ),
        );
    });
    app.post('/api/v1/journal/entries/:id/decision', async (req, res) => {
      res
        .status(201)
        .json(
          await decideJournalEntry(
            ds,
            readIdentity(req),
            req.params.id,
            parseWith(journalDecisionBody, req.body),
            now,
          ),
        );
    });
  };
}
