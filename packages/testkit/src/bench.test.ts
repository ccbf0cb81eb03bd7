import { formatBenchLine, percentile } from './bench';

describe('bench line format', () => {
  it.each([
    [{ name: 'scoring', value: 87.456, unit: 'ms' }, 'bench scoring: 87.46 ms'],
    [{ name: 'ingest', value: 21000, unit: 'events/s', baseline: { value: 30000 } }, 'bench ingest: 21000 events/s; baseline 30000 events/s; ratio 0.70'],
    [{ name: 'compute', value: 1234.5, unit: 'ms', baseline: { value: 617.25 } }, 'bench compute: 1234.5 ms; baseline 617.25 ms; ratio 2.00'],
  ])('%j', (fig, line) => expect(formatBenchLine(fig)).toBe(line));

  it('percentile is nearest-rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
  });
});
