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

/** A chart's drawing size: a wide one for desktop, a narrow one (phone column, ~1:1) below 600px. */
interface Frame {
  cls: "wide" | "narrow";
  w: number;
  h: number;
  font: number;
}
const FRAMES: Frame[] = [
  { cls: "wide", w: 640, h: 220, font: 12 },
  // About as wide as a 390px phone's column, so 12-unit text stays ~12px there.
  { cls: "narrow", w: 360, h: 210, font: 12 },
];
const LEFT = 58;
const BOTTOM = 22;
const TOP = 10;

/** Every n-th bucket is labelled so that labels never overlap (≈ 7 px per character). */
const labelEvery = (labels: string[], plotW: number, font: number): number => {
  const widest = Math.max(1, ...labels.map((l) => l.length)) * font * 0.62 + 8;
  return Math.max(1, Math.ceil((widest * labels.length) / plotW));
};

/**
 * A stacked bar chart drawn on the server as SVG: one bar per bucket (day or hour), one segment
 * per model. `labels` are the buckets' axis labels, `titles` their full names (hover, screen
 * readers); `format` turns an axis or segment value into text. Drawn twice, at a desktop and a
 * phone width, so its text stays legible at both; CSS shows one.
 */
export function StackedBars(props: {
  title: string;
  days: string[];
  labels?: string[];
  series: ChartSeries[];
  format: (v: number) => string;
}) {
  const { days, series } = props;
  const labels = props.labels ?? days.map((d) => d.slice(5));
  const totals = days.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  return (
    <figure>
      <figcaption>{props.title}</figcaption>
      {FRAMES.map((f) => {
        const plotW = f.w - LEFT - 4;
        const plotH = f.h - TOP - BOTTOM;
        const slot = plotW / Math.max(1, days.length);
        const barW = Math.max(1.5, slot * 0.7);
        const y = (v: number) => TOP + plotH - (v / max) * plotH;
        const ticks = [0, 0.5, 1].map((t) => t * max);
        const every = labelEvery(labels, plotW, f.font);
        return (
          <svg
            class={`chart ${f.cls}`}
            viewBox={`0 0 ${f.w} ${f.h}`}
            role="img"
            aria-label={props.title}
            data-label-size={f.font}
          >
            {ticks.map((t) => (
              <g>
                <line x1={LEFT} x2={f.w - 4} y1={y(t)} y2={y(t)} stroke="#d0d7de" stroke-width="1" />
                <text x={LEFT - 6} y={y(t) + 4} text-anchor="end" font-size={f.font} fill="#656d76">
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
                  {i % every === 0 && (
                    <text
                      x={(LEFT + i * slot + slot / 2).toFixed(1)}
                      y={f.h - 6}
                      text-anchor="middle"
                      font-size={f.font}
                      fill="#656d76"
                    >
                      {labels[i]}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        );
      })}
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
