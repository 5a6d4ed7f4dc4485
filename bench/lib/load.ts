/**
 * A closed-loop load generator on Node's http module: `concurrency` loops, each sending its
 * next request as soon as the previous answer has been read to the end, over keep-alive
 * connections. Bounded in time and in count; a warm-up phase runs first and is not recorded.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  /** A header whose value rotates per request (e.g. a pool of API keys). */
  rotate?: { header: string; values: string[] };
  body: Buffer;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Hard cap on measured requests (and on the memory the samples take). */
  maxRequests: number;
  /** Per request. */
  timeoutMs: number;
  /** A response counts as good with status 200 and, if given, this text in the body's last 4 KiB. */
  expectTail?: string;
  /**
   * Paces the loops to this many requests per second in total (a steady rate, for a soak);
   * unset, each loop sends its next request as soon as the previous one ends.
   */
  ratePerSec?: number;
  /** Called right before and right after the measured phase (to read the server's CPU). */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => void;
}

export interface Quantiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Requests completed in the measured phase (good or not). */
  completed: number;
  good: number;
  bad: number;
  statuses: Record<string, number>;
  firstBad?: string;
  elapsedMs: number;
  /** Good responses per second. */
  rps: number;
  /** Request start → last body byte, ms. */
  latency: Quantiles;
  /** Request start → first body byte, ms. */
  ttfb: Quantiles;
  /**
   * Request start → the upstream received it, ms (wall clocks, 1 ms resolution), when the
   * upstream says so in `x-bench-upstream-received-ms` and the response relays that header.
   */
  toUpstream?: Quantiles;
  bytesIn: number;
  /** Good responses completed in each whole second of the measured phase. */
  perSecond: number[];
  /** CPU time of this (generator) process during the measured phase, ms. */
  generatorCpuMs: number;
}

interface Sample {
  status: number;
  /** ms from the request's start to the upstream's receipt, if reported. */
  toUpstreamMs?: number;
  totalMs: number;
  ttfbMs: number;
  bytes: number;
  tail: string;
  error?: string;
}

export function quantiles(values: number[]): Quantiles {
  if (values.length === 0)
    return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}

/** Runs warm-up, then the measured phase; never throws on a bad response (it is counted). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  // The last event of a stream can be long (a Responses `response.completed` repeats the answer).
  const tailLength = o.expectTail ? 4096 : 0;
  let counter = 0;

  const once = (): Promise<Sample> =>
    new Promise((resolve) => {
      const headers: Record<string, string> = {
        ...o.headers,
        "content-length": String(o.body.byteLength),
      };
      if (o.rotate) headers[o.rotate.header] = o.rotate.values[counter++ % o.rotate.values.length]!;
      const t0 = performance.now();
      const wall0 = Date.now();
      let settled = false;
      const finish = (s: Sample) => {
        if (!settled) {
          settled = true;
          resolve(s);
        }
      };
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          headers,
          agent,
        },
        (res) => {
          let first = -1;
          let bytes = 0;
          let tail = "";
          res.on("data", (chunk: Buffer) => {
            if (first < 0) first = performance.now();
            bytes += chunk.byteLength;
            if (tailLength > 0) tail = (tail + chunk.toString("latin1")).slice(-tailLength);
            else if (res.statusCode !== 200 && tail.length < 300) tail += chunk.toString("utf8");
          });
          const received = Number(res.headers["x-bench-upstream-received-ms"]);
          res.on("end", () => {
            const end = performance.now();
            finish({
              ...(received > 0 ? { toUpstreamMs: received - wall0 } : {}),
              status: res.statusCode ?? 0,
              totalMs: end - t0,
              ttfbMs: (first < 0 ? end : first) - t0,
              bytes,
              tail,
            });
          });
          res.on("error", (err) =>
            finish({ status: 0, totalMs: 0, ttfbMs: 0, bytes, tail, error: String(err) }),
          );
        },
      );
      req.on("error", (err) =>
        finish({ status: 0, totalMs: 0, ttfbMs: 0, bytes: 0, tail: "", error: String(err) }),
      );
      req.setTimeout(o.timeoutMs, () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
      req.end(o.body);
    });

  // A shared schedule: the nth request of the run starts no earlier than start + n / rate.
  const paceStart = performance.now();
  let scheduled = 0;
  const paced = async (): Promise<void> => {
    if (!o.ratePerSec) return;
    const at = paceStart + (scheduled++ * 1000) / o.ratePerSec;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };

  const isGood = (s: Sample) =>
    s.error === undefined && s.status === 200 && (!o.expectTail || s.tail.includes(o.expectTail));

  // Warm-up: same loops, nothing recorded, until its time is up and every rotated value (every
  // API key) has been used once: a key's first request looks it up, which is not steady state.
  const warmEnd = performance.now() + o.warmupMs;
  const rotations = o.rotate?.values.length ?? 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < warmEnd || counter < rotations) {
        await paced();
        await once();
      }
    }),
  );

  const latencies: number[] = [];
  const ttfbs: number[] = [];
  const toUpstream: number[] = [];
  const statuses: Record<string, number> = {};
  // Whole seconds only: a partial last second would read as a drop.
  const perSecond = new Array<number>(Math.floor(o.durationMs / 1000)).fill(0);
  let completed = 0;
  let good = 0;
  let bytesIn = 0;
  let firstBad: string | undefined;

  o.onMeasureStart?.();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + o.durationMs;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < end && completed < o.maxRequests) {
        await paced();
        if (performance.now() >= end) break;
        const s = await once();
        completed++;
        const key = s.error ? "error" : String(s.status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        bytesIn += s.bytes;
        if (isGood(s)) {
          good++;
          latencies.push(s.totalMs);
          ttfbs.push(s.ttfbMs);
          if (s.toUpstreamMs !== undefined) toUpstream.push(s.toUpstreamMs);
          const second = Math.floor((performance.now() - start) / 1000);
          if (second < perSecond.length) perSecond[second]!++;
        } else {
          firstBad ??= s.error ?? `HTTP ${s.status}: ${s.tail.slice(-300)}`;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  o.onMeasureEnd?.();
  agent.destroy();

  return {
    completed,
    good,
    bad: completed - good,
    statuses,
    ...(firstBad ? { firstBad } : {}),
    elapsedMs,
    rps: good / (elapsedMs / 1000),
    latency: quantiles(latencies),
    ttfb: quantiles(ttfbs),
    ...(toUpstream.length > 0 ? { toUpstream: quantiles(toUpstream) } : {}),
    bytesIn,
    perSecond,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}
