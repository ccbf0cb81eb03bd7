import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { peopleQuery } from '@scorecard/api';
import { parseWith, readIdentity } from '@scorecard/http';
import { listPeople } from '../../app/list-people';

/** The people directory, narrowed to what the caller may see. */
export function peopleRoutes(ds: DataSource) {
  return (app: Express) => {
    app.get('/api/v1/review/people', async (req, res) => {
      const q = parseWith(peopleQuery, req.query);
      res.json(
        await listPeople(ds, readIdentity(req), {
          ...(q.q ? { search: q.q } : {}),
          managersOnly: q.managers === 'true',
          limit: q.limit,
        }),
      );
    });
  };
}
