/**
 * The micro-benchmarks hand their results to `bench/run.ts` through a JSON-lines file named by
 * CC_BENCH_MICRO_OUT (vitest prints its own tables too). Without the variable, nothing is written.
 */
import { appendFileSync } from "node:fs";

/** The fields of vitest's (tinybench's) result that the report uses. */
export interface MicroResultLike {
  name: string;
  latency: { mean: number; p50: number; p99: number; rme: number; samplesCount?: number };
  throughput: { mean: number };
}

export interface MicroRecord {
  name: string;
  /** Iterations per second (tinybench throughput mean). */
  hz: number;
  /** ms per iteration: mean and median (the report uses the median, robust to a noisy machine). */
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Relative margin of error of the mean, %. */
  rme: number;
  samples: number;
}

export function recordMicro(result: MicroResultLike): void {
  const out = process.env.CC_BENCH_MICRO_OUT;
  if (!out) return;
  const record: MicroRecord = {
    name: result.name,
    hz: result.throughput.mean,
    meanMs: result.latency.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    rme: result.latency.rme,
    samples: result.latency.samplesCount ?? 0,
  };
  appendFileSync(out, `${JSON.stringify(record)}\n`);
}

/** Why a benchmark did not run (a translator not exported yet): reported as a note. */
export function recordSkipped(name: string, reason: string): void {
  const out = process.env.CC_BENCH_MICRO_OUT;
  if (out) appendFileSync(out, `${JSON.stringify({ name, skipped: reason })}\n`);
}
