import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Identity } from '@scorecard/http';
import { reviewerView } from '../domain/scorecard-views';
import { disputesOf, notesOf, overridesOf } from '../adapters/postgres/scorecard-store';
import { visibleScorecard } from './load-scorecard';
import { relationOf } from './scope';

/** One scorecard for review: effective result, overrides (history), notes and disputes. */
export async function getScorecard(ds: DataSource, who: Identity, id: string) {
  return inTransaction(ds, async (em) => {
    const s = await visibleScorecard(em, who, id);
    const [overrides, notes, disputes, relation] = [
      await overridesOf(em, s.id),
      await notesOf(em, s.id),
      await disputesOf(em, s.id),
      await relationOf(em, who, s.employee_id),
    ];
    return { ...reviewerView(s), overrides, notes, disputes, viewer: relation };
  });
}
