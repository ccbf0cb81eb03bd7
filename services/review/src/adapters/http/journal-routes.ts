import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseWith, readIdentity } from '@scorecard/http';
import { JOURNAL_TYPES } from '../../domain/journal-types';
import { decideJournalEntry } from '../../app/decide-journal-entry';
import { listJournalEntries } from '../../app/list-journal-entries';
import { writeJournalEntry } from '../../app/write-journal-entry';

const score = z.number().finite().min(0);
const entryBody = z.object({
  entry_type: z.enum(JOURNAL_TYPES),
  title: z.string().trim().min(1).max(500),
  content: z.string().max(20_000).optional(),
  kpi_id: z.string().min(1).optional(),
  period_id: z.string().min(1).optional(),
  score_impact: z.number().finite().optional(),
  score_before: score.optional(),
  score_after: score.optional(),
  effort_recognized: z.boolean().optional(),
  effort_rating: z.number().int().min(1).max(5).optional(),
  effort_notes: z.string().max(20_000).optional(),
  visible_to_staff: z.boolean().optional(),
  pending_approval: z.boolean().optional(),
  linked_catchup_id: z.string().min(1).optional(),
  linked_incident_id: z.string().min(1).optional(),
  linked_entry_id: z.string().uuid().optional(),
});
const listQuery = z.object({
  period_id: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const decisionBody = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().trim().min(1).max(4000),
});

/** The Living Journal: read, append, decide pending entries. */
export function journalRoutes(ds: DataSource, now: () => Date) {
  return (app: Express) => {
    app.get('/api/v1/journal/:staffId/entries', async (req, res) => {
      const q = parseWith(listQuery, req.query);
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
            parseWith(entryBody, req.body),
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
            parseWith(decisionBody, req.body),
            now,
          ),
        );
    });
  };
}
