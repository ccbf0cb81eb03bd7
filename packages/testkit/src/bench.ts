/** One figure measured by a benchmark, optionally with a baseline measured in the same run. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { value: number; unit?: string };
}

const fmt = (n: number): string => String(Number(n.toFixed(2)));

/**
 * The one bench line format: `bench <name>: <value> <unit>` and, with a baseline,
 * `; baseline <value> <unit>; ratio <value/baseline>`.
 */
export function formatBenchLine(fig: BenchFigure): string {
  let line = `bench ${fig.name}: ${fmt(fig.value)} ${fig.unit}`;
  if (fig.baseline) {
    const ratio = fig.baseline.value === 0 ? Number.POSITIVE_INFINITY : fig.value / fig.baseline.value;
    line += `; baseline ${fmt(fig.baseline.value)} ${fig.baseline.unit ?? fig.unit}; ratio ${ratio.toFixed(2)}`;
  }
  return line;
}

export function reportBench(fig: BenchFigure): void {
  console.log(formatBenchLine(fig));
}

/** p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
