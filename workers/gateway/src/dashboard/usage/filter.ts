import type { UsageFilter } from "../../account/request-log.ts";
import { DAY_MS, HOUR_MS } from "../../lib/periods.ts";

/**
 * The usage page's selection, from its query string (the filter form is a GET, so a selection is
 * a link, and the CSV export of it is the same link with .csv): a time range — a preset or two
 * dates, read on the viewer's clock — and filters by key, model and format.
 */

export const PRESETS = {
  "24h": { label: "Last 24 hours", hours: 24 },
  "48h": { label: "Last 48 hours", hours: 48 },
  "7d": { label: "Last 7 days", days: 7 },
  "30d": { label: "Last 30 days", days: 30 },
  "90d": { label: "Last 90 days", days: 90 },
} as const;
export type Preset = keyof typeof PRESETS;
export const DEFAULT_PRESET: Preset = "7d";

/** Ranges up to this long are charted by hour, longer ones by day. */
export const HOURLY_UP_TO_MS = 48 * HOUR_MS;
/** The longest range a custom selection may span. */
export const MAX_RANGE_DAYS = 366;

/** Minutes the viewer's clock is ahead of UTC (the browser's cookie); ±14 h at most. */
export function parseOffsetMinutes(raw: string | undefined): number {
  if (raw === undefined || !/^-?\d{1,4}$/.test(raw)) return 0;
  const n = Number(raw);
  return Math.abs(n) <= 14 * 60 ? n : 0;
}

export interface UsageView {
  filter: UsageFilter;
  /** "24h" … or "custom". */
  preset: Preset | "custom";
  /** The dates of the range on the viewer's clock, inclusive (for the date inputs). */
  fromDate: string;
  toDate: string;
  bucketMs: number;
  offsetMs: number;
  /** Why the query could not be used as it was (the default range is shown instead). */
  error: string | undefined;
}

const DATE = /^\d{4}-\d\d-\d\d$/;

/** Midnight of a YYYY-MM-DD date on a clock `offsetMs` ahead of UTC, Unix ms. */
const localMidnight = (date: string, offsetMs: number): number => Date.parse(`${date}T00:00:00Z`) - offsetMs;
/** The viewer's date of an instant. */
const localDate = (ms: number, offsetMs: number): string =>
  new Date(ms + offsetMs).toISOString().slice(0, 10);

const optional = (v: string | undefined): string | undefined => (v === undefined || v === "" ? undefined : v);

/** The selection a query string asks for, at `now`. */
export function parseUsageQuery(
  query: Record<string, string | undefined>,
  now: number,
  offsetMinutes: number,
): UsageView {
  const offsetMs = offsetMinutes * 60_000;
  const dims = { keyId: optional(query.key), model: optional(query.model), format: optional(query.format) };
  const preset = (p: Preset, error?: string): UsageView => {
    const spec = PRESETS[p];
    const to = now + 1;
    const from =
      "hours" in spec
        ? Math.floor((now + offsetMs) / HOUR_MS) * HOUR_MS - offsetMs - (spec.hours - 1) * HOUR_MS
        : localMidnight(localDate(now, offsetMs), offsetMs) - (spec.days - 1) * DAY_MS;
    return {
      filter: { from, to, ...dims },
      preset: p,
      fromDate: localDate(from, offsetMs),
      toDate: localDate(now, offsetMs),
      bucketMs: to - from <= HOURLY_UP_TO_MS ? HOUR_MS : DAY_MS,
      offsetMs,
      error,
    };
  };
  const fromDate = optional(query.from);
  const toDate = optional(query.to);
  if (fromDate === undefined && toDate === undefined) {
    const p = query.range && Object.hasOwn(PRESETS, query.range) ? (query.range as Preset) : DEFAULT_PRESET;
    return preset(p);
  }
  const first = fromDate ?? toDate!;
  const last = toDate ?? fromDate!;
  if (
    !DATE.test(first) ||
    !DATE.test(last) ||
    Number.isNaN(Date.parse(first)) ||
    Number.isNaN(Date.parse(last))
  )
    return preset(DEFAULT_PRESET, "Dates are written YYYY-MM-DD.");
  if (first > last) return preset(DEFAULT_PRESET, "The range starts after it ends.");
  const from = localMidnight(first, offsetMs);
  const to = localMidnight(last, offsetMs) + DAY_MS;
  if (to - from > MAX_RANGE_DAYS * DAY_MS)
    return preset(DEFAULT_PRESET, `A range spans at most ${MAX_RANGE_DAYS} days.`);
  return {
    filter: { from, to, ...dims },
    preset: "custom",
    fromDate: first,
    toDate: last,
    bucketMs: to - from <= HOURLY_UP_TO_MS ? HOUR_MS : DAY_MS,
    offsetMs,
    error: undefined,
  };
}

/** The chart's buckets over the range, on the viewer's clock: start, axis label, full name. */
export function buckets(view: UsageView): Array<{ start: number; label: string; title: string }> {
  const out: Array<{ start: number; label: string; title: string }> = [];
  const { bucketMs, offsetMs } = view;
  let start = Math.floor((view.filter.from + offsetMs) / bucketMs) * bucketMs - offsetMs;
  for (; start < view.filter.to && out.length < 400; start += bucketMs) {
    const iso = new Date(start + offsetMs).toISOString();
    out.push(
      bucketMs === HOUR_MS
        ? { start, label: iso.slice(11, 13), title: `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00` }
        : { start, label: iso.slice(5, 10), title: iso.slice(0, 10) },
    );
  }
  return out;
}

/** The query string of a selection (for links: pages, the export, presets). */
export function selectionQuery(view: UsageView, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (view.preset === "custom") {
    q.set("from", view.fromDate);
    q.set("to", view.toDate);
  } else q.set("range", view.preset);
  if (view.filter.keyId) q.set("key", view.filter.keyId);
  if (view.filter.model) q.set("model", view.filter.model);
  if (view.filter.format) q.set("format", view.filter.format);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** A page cursor as links carry it, `<created_at>.<id>`; undefined when absent or malformed. */
export function parseCursor(raw: string | undefined): { at: number; id: string } | undefined {
  const m = raw ? /^(\d{1,16})\.([A-Za-z0-9_:-]{1,100})$/.exec(raw) : null;
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}
export const formatCursor = (c: { at: number; id: string }): string => `${c.at}.${c.id}`;
