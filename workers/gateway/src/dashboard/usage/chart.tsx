/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** One model's values, one per day (same order as the chart's days). */
export interface ChartSeries {
  model: string;
  values: number[];
}

const PALETTE = ["#0969da", "#1a7f37", "#bf8700", "#8250df", "#cf222e", "#1b7c83", "#bc4c00", "#57606a"];

/** A stable colour per model, by its position in the sorted list of models shown. */
export const modelColor = (index: number): string => PALETTE[index % PALETTE.length]!;

/** 1, 2, 4, 5 or 10 × 10^k at or above `max`: the axis and its midpoint read in round numbers. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 4, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

// A viewBox about as wide as a phone column or half the desktop page, so 12-unit text stays legible.
const W = 480;
const H = 190;
const LEFT = 58;
const BOTTOM = 22;
const TOP = 10;

/**
 * A stacked bar chart drawn on the server as SVG: one bar per day, one segment per model.
 * `format` turns an axis or segment value into text. Each segment carries a <title>, which
 * browsers show on hover and screen readers read.
 */
export function StackedBars(props: {
  title: string;
  days: string[];
  series: ChartSeries[];
  format: (v: number) => string;
}) {
  const { days, series } = props;
  const totals = days.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - LEFT - 4;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const ticks = [0, 0.5, 1].map((f) => f * max);
  return (
    <figure>
      <figcaption>{props.title}</figcaption>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        {ticks.map((t) => (
          <g>
            <line x1={LEFT} x2={W - 4} y1={y(t)} y2={y(t)} stroke="#d0d7de" stroke-width="1" />
            <text x={LEFT - 6} y={y(t) + 4} text-anchor="end" font-size="12" fill="#656d76">
              {props.format(t)}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          let base = 0;
          const x = LEFT + i * slot + (slot - barW) / 2;
          return (
            <g>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const top = y(base + v);
                const height = y(base) - top;
                base += v;
                return (
                  <rect
                    x={x.toFixed(1)}
                    y={top.toFixed(1)}
                    width={barW.toFixed(1)}
                    height={Math.max(0.5, height).toFixed(1)}
                    fill={modelColor(k)}
                  >
                    <title>{`${day} · ${s.model}: ${props.format(v)}`}</title>
                  </rect>
                );
              })}
              {(i % 2 === 0 || days.length <= 7) && (
                <text
                  x={(LEFT + i * slot + slot / 2).toFixed(1)}
                  y={H - 6}
                  text-anchor="middle"
                  font-size="12"
                  fill="#656d76"
                >
                  {day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The colour key shared by the charts. */
export function Legend(props: { models: string[] }) {
  return (
    <ul class="legend">
      {props.models.map((m, k) => (
        <li>
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={modelColor(k)} />
          </svg>{" "}
          {m}
        </li>
      ))}
    </ul>
  );
}
