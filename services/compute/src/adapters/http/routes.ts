import type { Express } from 'express';
import { ValidationError } from '@scorecard/errors';
import { readIdentity } from '@scorecard/http';
import { scorePreview } from '@scorecard/scoring';

export function computeRoutes() {
  return (app: Express) => {
    // The what-if calculator: the same scoring code path as a compute run, no I/O.
    app.post('/api/v1/performance/score-preview', (req, res) => {
      readIdentity(req);
      const result = scorePreview(req.body);
      if (!result.ok)
        throw new ValidationError(result.errors.map((e) => ({ path: e.path, message: e.message })));
      res.json(result.value);
    });
  };
}
