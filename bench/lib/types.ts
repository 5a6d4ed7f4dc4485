/** The shape of bench/results/<date>.json (and of what the report renders). */
import type { LoadResult } from "./load.ts";
import type { MicroRecord } from "./micro-record.ts";
import type { ProfileSummary } from "./profile.ts";
import type { SessionRecord } from "./sessions.ts";

export interface ScenarioRecord {
  id: string;
  title: string;
  group: "json" | "json64k" | "stream" | "bulk";
  target: "direct" | "floor" | "gateway";
  route: string;
  stream: boolean;
  body: string;
  shape?: { deltas: number; delayMs: number };
  keys?: number;
  concurrency: number;
  status: "ok" | "not-available" | "failed";
  note?: string;
  /** The scenario it was compared with. */
  floorId?: string;
  load?: Omit<LoadResult, "perSecond"> & { perSecond: number[] };
  server?: {
    /** CPU of the whole workerd process (gateway, upstream, DOs, D1) per good response, µs. */
    cpuUsPerRequest: number;
    /** Cores the server process kept busy. */
    cpuCores: number;
    rssMiB: number;
    peakRssMiB: number;
  };
  /** Cores the load generator (this Node process) kept busy. */
  generatorCores?: number;
  /**
   * D1 statements the gateway sent per 1,000 requests of the measured phase (gateway only),
   * counted from its D1 log lines, with one flush of the account forced after the phase: an
   * upper bound for a phase of a few seconds (a busy account flushes once a minute).
   */
  d1PerThousand?: number;
  /** Cores other processes on the machine kept busy meanwhile. */
  otherCores?: number;
}

export interface TargetRecord {
  name: string;
  measured: string;
  met: boolean | null;
  detail: string;
}

export interface MicroSummary extends MicroRecord {
  mbPerSec?: number;
  eventsPerSec?: number;
  callsPerSec?: number;
  bytes?: number;
}

export interface ProfileRecord {
  title: string;
  /** What was loaded while profiling. */
  scenario: string;
  summary: ProfileSummary;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  commit: string;
  dirtyFiles: number;
  machine: {
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    node: string;
    miniflare: string;
    workerd: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    /** Cores busy with other processes during 2 s before the run. */
    idleOtherCores: number;
  };
  setup: {
    serverCpus: string;
    generatorCpus: string;
    serverPinned: boolean;
    generatorPinned: boolean;
    concurrency: number;
    warmupMs: number;
    durationMs: number;
    keysPerScenario: number;
    /** Where Miniflare kept D1 and Durable Object storage. */
    storage: string;
  };
  scenarios: ScenarioRecord[];
  /** Codex-like sessions over HTTP and over the Responses WebSocket (absent from older runs). */
  sessions?: SessionRecord[];
  micro: MicroSummary[];
  microSkipped: { name: string; reason: string }[];
  targets: TargetRecord[];
  profiles: ProfileRecord[];
  notes: string[];
}

/** A `pnpm bench --soak` run: the gateway at a steady rate for minutes, RSS sampled throughout. */
export interface SoakRecord {
  startedAt: string;
  commit: string;
  scenario: string;
  minutes: number;
  /** The first minutes, not judged: caches, JIT and pools fill. */
  warmupMinutes: number;
  ratePerSec: number;
  /** Requests of the judged part. */
  requests: number;
  good: number;
  errors: number;
  statuses: Record<string, number>;
  firstBad?: string;
  rssAfterWarmupMiB: number;
  rssEndMiB: number;
  /** (end − after warm-up) / after warm-up, %. */
  rssGrowthPct: number;
  peakRssMiB: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /**
   * D1 statements the gateway sent per 1,000 requests of the judged part (its D1 log lines: the
   * accounts' own flushes, then one forced at the end). Absent from soaks before it was counted.
   */
  d1PerThousand?: number;
  /** The workerd process's RSS every SAMPLE seconds from the start, MiB. */
  rssSamples: {
    atS: number;
    rssMiB: number;
    anonMiB: number;
    fileMiB: number;
    shmemMiB: number;
    /** The gateway isolate's JS heap, used and committed (its Durable Objects included), when the inspector answered. */
    gatewayHeapMiB?: number;
    gatewayHeapTotalMiB?: number;
  }[];
}
