import { Distribution, Leaderboard, PeriodFinalization, PeriodHeatmap, Trends } from './Hr';
import { PeriodPage } from './Manager';

/**
 * Executives: the organisation at a glance — departments over time, how ratings spread, who leads —
 * and the period's finalization. Aggregates only; HR's page keeps the per-KPI and per-person detail.
 */
export function ExecHome() {
  return (
    <PeriodPage title="Executive overview">
      {(period) => (
        <>
          <PeriodHeatmap />
          <div className="grid2">
            <Distribution period={period} />
            <Leaderboard period={period} />
          </div>
          <Trends />
          <PeriodFinalization period={period} />
        </>
      )}
    </PeriodPage>
  );
}
