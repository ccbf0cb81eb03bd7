import { DAY, HOUR, MINUTE } from './calendar';
import { speed, workersOn, type SimContext } from './context';
import { iso } from './event-log';
import type { Random } from './random';

const SEVERITY = [
  ['info', 10],
  ['minor', 45],
  ['major', 30],
  ['critical', 15],
] as const;
/** Median minutes from acknowledgement to resolution, and median customers affected. */
const IMPACT = { info: [300, 0], minor: [200, 25], major: [140, 220], critical: [90, 900] } as const;

/**
 * NOC incidents around the clock: detection by monitoring (fast) or by customers (slow),
 * acknowledgement and repair times by severity and engineer skill, false positives, and daily
 * availability snapshots per site derived from the real incidents' downtime.
 */
export function simulateIncidents(ctx: SimContext, rnd: Random): void {
  const sites = Array.from({ length: 8 }, (_, i) => `site-${String(i + 1).padStart(2, '0')}`);
  const downtime = new Map<string, { seconds: number; incidents: number }>();
  let seq = 0;
  for (const day of ctx.days) {
    const engineers = workersOn(ctx, 'noc', day);
    if (engineers.length === 0) continue;
    for (let i = 0, n = rnd.poisson(0.5 * engineers.length + 0.8); i < n; i++) {
      const id = `INC-${String(++seq).padStart(5, '0')}`;
      const { person: eng, teamId } = rnd.pick(engineers);
      const site = rnd.pick(sites);
      const severity = rnd.weighted(SEVERITY);
      const [repairMin, affected] = IMPACT[severity];
      const startedMs = day + Math.floor(rnd.next() * DAY);
      const monitored = rnd.chance(0.78);
      const detectedMs = startedMs + Math.round(rnd.logNormal(monitored ? 4 : 35, 0.7) * MINUTE);
      const ackMs = detectedMs + Math.round(rnd.logNormal(7 * speed(eng.skill, 0.35), 0.7) * MINUTE);
      const falsePositive = monitored && rnd.chance(0.07);
      const resolvedMs =
        ackMs +
        Math.round(
          (falsePositive ? rnd.logNormal(12, 0.5) : rnd.logNormal(repairMin * speed(eng.skill, 0.3), 0.6)) *
            MINUTE,
        );
      const state: Record<string, string | number | boolean | undefined> = {
        status: 'open',
        severity,
        started_at: iso(startedMs),
        detected_at: iso(detectedMs),
        detection_source: monitored ? 'monitoring' : 'customer',
        assigned_to: eng.id,
        team_id: teamId,
        affected_count: falsePositive ? 0 : Math.round(affected > 0 ? rnd.logNormal(affected, 0.6) : 0),
        classification: rnd.pick(['fibre_cut', 'power', 'hardware', 'config', 'upstream', 'weather']),
        device_id: `${site}-dev-${rnd.int(1, 12)}`,
        false_positive: falsePositive,
      };
      ctx.log.emit('noc', 'incident', id, detectedMs, state);
      ctx.log.emit(
        'noc',
        'incident',
        id,
        ackMs,
        Object.assign(state, { status: 'acknowledged', acknowledged_at: iso(ackMs) }),
      );
      ctx.log.emit(
        'noc',
        'incident',
        id,
        resolvedMs,
        Object.assign(state, { status: 'resolved', resolved_at: iso(resolvedMs) }),
      );
      if (!falsePositive && severity !== 'info') {
        const key = `${site}/${day}`;
        const d = downtime.get(key) ?? { seconds: 0, incidents: 0 };
        downtime.set(key, {
          seconds: Math.min(DAY / 1000, d.seconds + (resolvedMs - startedMs) / 1000),
          incidents: d.incidents + 1,
        });
      }
    }
  }
  const noc = ctx.org.teams.find((t) => t.departmentId === 'dep-noc');
  for (const day of ctx.days) {
    for (const site of sites) {
      const d = downtime.get(`${site}/${day}`) ?? { seconds: 0, incidents: 0 };
      const window = DAY / 1000;
      ctx.log.emit('noc', 'availability_snapshot', `${site}-${iso(day).slice(0, 10)}`, day + DAY - HOUR, {
        element_type: 'site',
        element_id: site,
        snapshot_at: iso(day),
        uptime_percent: Math.round(((100 * (window - d.seconds)) / window) * 1000) / 1000,
        downtime_seconds: Math.round(d.seconds),
        window_seconds: window,
        incident_count: d.incidents,
        team_id: noc?.id,
        owner_id: noc?.leadId,
      });
    }
  }
}
