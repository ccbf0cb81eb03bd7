import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { journalRoutes } from './journal-routes';
import { peopleRoutes } from './people-routes';
import { reviewRoutes } from './review-routes';
import { staffRoutes } from './staff-routes';

/** Every route review serves under /api/v1 (the gateway forwards the path unchanged). */
export function reviewHttpRoutes(
  ds: DataSource,
  opts: {
    webhookUrls: readonly string[];
    /** The clock for approval escalation (tests move it). */ now?: () => Date;
  },
) {
  const now = opts.now ?? (() => new Date());
  const groups = [
    reviewRoutes(ds, { webhookUrls: opts.webhookUrls, now }),
    journalRoutes(ds, now),
    staffRoutes(ds),
    peopleRoutes(ds),
  ];
  return (app: Express) => {
    for (const add of groups) add(app);
  };
}
