// Hand-built SVG charts: a real heatmap (colour scale + legend), a line chart and a bar chart.
// Every chart carries a text alternative (aria-label + a visually hidden table).

const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/** Score 0..100+ → colour from a warm-to-cool scale that stays readable with dark text. */
export function heatColour(score: number): string {
  const t = Math.max(0, Math.min(1, score / 100));
  // hue 10 (orange-red) → 150 (green); lightness kept high for contrast with #111 text.
  const hue = 10 + t * 140;
  return `hsl(${hue.toFixed(0)} 70% ${(82 - t * 22).toFixed(0)}%)`;
}

export interface HeatCell {
  row: string;
  col: string;
  value: number;
  people?: number;
}

export function Heatmap(props: {
  label: string;
  cells: HeatCell[];
  rowTitle: string;
  colTitle: string;
  format?: (c: string) => string;
  /** A row's display name (rows are ordered by it). */
  rowName?: (r: string) => string;
}) {
  const rowName = props.rowName ?? ((r: string) => r);
  const rows = [...new Set(props.cells.map((c) => c.row))].sort((a, b) =>
    rowName(a).localeCompare(rowName(b)),
  );
  const cols = [...new Set(props.cells.map((c) => c.col))].sort();
  const at = new Map(props.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  const colName = props.format ?? ((c: string) => c);
  return (
    <figure className="heatmap" aria-label={props.label}>
      <div className="heatmap-scroll" tabIndex={0} role="region" aria-label={`${props.label} (scrollable)`}>
        <table>
          <caption className="sr-only">{props.label}</caption>
          <thead>
            <tr>
              <th scope="col">
                {props.rowTitle} \ {props.colTitle}
              </th>
              {cols.map((c) => (
                <th scope="col" key={c} className="col-head">
                  <span>{colName(c)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row">{rowName(r)}</th>
                {cols.map((c) => {
                  const cell = at.get(`${r}\u0000${c}`);
                  return cell ? (
                    <td
                      key={c}
                      style={{ background: heatColour(cell.value) }}
                      title={`${rowName(r)} · ${colName(c)}: ${cell.value.toFixed(1)}${cell.people ? ` (${cell.people} people)` : ''}`}
                    >
                      {cell.value.toFixed(0)}
                    </td>
                  ) : (
                    <td key={c} className="no-cell" title="Withheld or no data">
                      <span aria-label="no data">·</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="legend">
        <span>0</span>
        <span className="legend-bar" aria-hidden="true" />
        <span>100+</span>
        <span className="muted"> · “·” = no data or a group under 4 people (withheld)</span>
      </figcaption>
    </figure>
  );
}

export interface Series {
  name: string;
  points: { x: string; y: number | null }[];
}

export function LineChart({
  label,
  series,
  height = 220,
}: {
  label: string;
  series: Series[];
  height?: number;
}) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))];
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y): y is number => y !== null);
  if (xs.length === 0 || ys.length === 0) return <p className="state empty">No data points yet.</p>;
  const W = 640;
  const H = height;
  const pad = { l: 40, r: 56, t: 12, b: 36 };
  const max = Math.max(100, Math.ceil(Math.max(...ys) / 10) * 10);
  const min = Math.min(0, Math.floor(Math.min(...ys) / 10) * 10);
  const x = (i: number) =>
    pad.l + (xs.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (xs.length - 1));
  const y = (v: number) => pad.t + ((max - v) * (H - pad.t - pad.b)) / (max - min || 1);
  const ticks = [min, (min + max) / 2, max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" className="tick">
              {t}
            </text>
          </g>
        ))}
        {xs.map((label, i) => (
          <text key={label} x={x(i)} y={H - 12} textAnchor="middle" className="tick">
            {label}
          </text>
        ))}
        {series.map((s, si) => {
          const colour = PALETTE[si % PALETTE.length];
          const pts = s.points
            .map((p) => ({ i: xs.indexOf(p.x), y: p.y }))
            .filter((p): p is { i: number; y: number } => p.y !== null);
          return (
            <g key={s.name}>
              <polyline
                fill="none"
                stroke={colour}
                strokeWidth={2.5}
                points={pts.map((p) => `${x(p.i)},${y(p.y)}`).join(' ')}
              />
              {pts.map((p) => (
                <circle key={p.i} cx={x(p.i)} cy={y(p.y)} r={4} fill={colour}>
                  <title>{`${s.name} · ${xs[p.i]}: ${p.y.toFixed(1)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption className="legend">
          {series.map((s, si) => (
            <span key={s.name} className="key">
              <span
                className="swatch"
                style={{ background: PALETTE[si % PALETTE.length] }}
                aria-hidden="true"
              />
              {s.name}
            </span>
          ))}
        </figcaption>
      ) : null}
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>
          {series.flatMap((s) =>
            s.points.map((p) => (
              <tr key={`${s.name}-${p.x}`}>
                <th scope="row">
                  {s.name} {p.x}
                </th>
                <td>{p.y === null ? 'no data' : p.y.toFixed(1)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </figure>
  );
}

export function BarChart({
  label,
  bars,
}: {
  label: string;
  bars: { label: string; value: number; colour?: string }[];
}) {
  if (bars.length === 0) return <p className="state empty">No data yet.</p>;
  const max = Math.max(...bars.map((b) => b.value), 1);
  return (
    <figure className="bars" aria-label={label}>
      <ul>
        {bars.map((b) => (
          <li key={b.label}>
            <span className="bar-label">{b.label}</span>
            <span className="bar-track">
              <span
                className="bar-fill"
                style={{ width: `${(b.value / max) * 100}%`, background: b.colour ?? PALETTE[0] }}
              />
            </span>
            <span className="bar-value">{b.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
