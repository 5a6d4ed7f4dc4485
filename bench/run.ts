/**
 * `pnpm bench`: what the gateway costs, measured against the floor (a bare Hono proxy).
 *
 *   node bench/run.ts [--quick] [--skip-micro] [--skip-load] [--no-profile]
 *                     [--duration <ms>] [--warmup <ms>] [--concurrency <n>] [--only <id-prefix>]
 *   node bench/run.ts --soak [--soak-minutes 10] [--soak-rate 200]
 *
 * 1. micro-benchmarks of the pure code (`vitest bench`, bench/*.bench.ts);
 * 2. load scenarios against workerd (Miniflare, each Worker on its own socket), server pinned
 *    to CPU 0, this process (the load generator) to CPU 1; then Codex-like sessions over HTTP
 *    and over the Responses WebSocket (`--only session` runs those alone);
 * 3. CPU profiles of the gateway's isolate under load, and of the stream translator;
 * 4. the report: printed, written to docs/performance.md and bench/results/<date>.json.
 *
 * It reports; it never fails on a figure. It exits non-zero only when the harness itself breaks.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { bundleWorkers, root, tmpDir } from "./lib/build.ts";
import { anthropicStreamText, chunked, microInputs } from "./lib/corpus.ts";
import { type LoadOptions, type LoadResult, runLoad } from "./lib/load.ts";
import type { MicroRecord } from "./lib/micro-record.ts";
import { loadPackages, packagesBundlePath } from "./lib/packages.ts";
import {
  busyBetween,
  CLOCK_TICKS,
  cpuTimes,
  loadAverage,
  memoryMiB,
  pin,
  processJiffies,
} from "./lib/proc.ts";
import { heapReader, profileSelf, profileWorkerd, summarize } from "./lib/profile.ts";
import { renderConsole, renderSoak, writeDoc, writeSoakDoc } from "./lib/report.ts";
import { allScenarios, headersFor, KEYS_PER_SCENARIO, keyHeader, type Scenario } from "./lib/scenarios.ts";
import { type Seeded, seed } from "./lib/seed.ts";
import { runSessions, type SessionRecord } from "./lib/sessions.ts";
import { type Stack, startStack, type UpstreamKind } from "./lib/stack.ts";
import { chatTranslator, responsesTranslator, translateAll } from "./lib/translators.ts";
import type {
  BenchResults,
  MicroSummary,
  ProfileRecord,
  ScenarioRecord,
  SoakRecord,
  TargetRecord,
} from "./lib/types.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "skip-micro": { type: "boolean", default: false },
    "skip-load": { type: "boolean", default: false },
    "no-profile": { type: "boolean", default: false },
    duration: { type: "string" },
    warmup: { type: "string" },
    concurrency: { type: "string" },
    only: { type: "string" },
    /** A steady-rate run of json.gateway for minutes: RSS growth and errors (SoakRecord). */
    soak: { type: "boolean", default: false },
    "soak-minutes": { type: "string" },
    "soak-rate": { type: "string" },
    /** Re-render docs/performance.md and the console report from a results file; measure nothing. */
    render: { type: "string" },
  },
});

const SERVER_CPUS = "0";
const GENERATOR_CPUS = "1";
const durationMs = Number(args.duration ?? (args.quick ? 1500 : 5000));
const warmupMs = Number(args.warmup ?? (args.quick ? 300 : 1000));
const concurrency = Number(args.concurrency ?? 16);
const PROFILE_MS = args.quick ? 1500 : 4000;
/** Per-request bound: the longest streams (200 deltas 5 ms apart, 1,000 back to back) take a few seconds. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_REQUESTS = 1_000_000;
/** Time for the last requests of a phase to settle (their flush is then forced: Seeded.flush). */
const SETTLE_WAIT_MS = 500;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
/** workerd processes this run started, so that an abort never leaves one behind. */
const running = new Set<number>();
function killOurs(): void {
  for (const pid of running) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (STORAGE_ROOT) rmSync(STORAGE_ROOT, { recursive: true, force: true });
}
const notes: string[] = [];
const startedAt = new Date();
// What the Workers are bundled from, read before they are (a later edit is not what ran).
const startCommit = git("rev-parse", "--short", "HEAD");
// The bench's own outputs (this report, raw results) are not changes to what it measures.
const startDirtyFiles = git("status", "--porcelain", "--", ".", ":!docs/performance.md", ":!bench/results")
  .split("\n")
  .filter(Boolean).length;

// ── machine ─────────────────────────────────────────────────────────────────────────────

const twoCores = os.cpus().length >= 2;
const generatorPinned = twoCores && pin(process.pid, GENERATOR_CPUS);
if (!twoCores) notes.push("Fewer than 2 CPUs: server and load generator share a core; no pinning.");
else if (!generatorPinned) notes.push("taskset is missing or refused: the processes are not pinned.");

/** Cores busy with processes other than `ours` between two samples. */
function otherCores(
  a: ReturnType<typeof cpuTimes>,
  b: ReturnType<typeof cpuTimes>,
  ourCores: number,
): number {
  const busy = busyBetween(a, b).reduce((s, x) => s + x, 0);
  return Math.max(0, busy - ourCores);
}

async function idleLoad(ms: number): Promise<number> {
  const self0 = processJiffies(process.pid);
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const selfCores = (processJiffies(process.pid) - self0) / CLOCK_TICKS / (ms / 1000);
  return otherCores(a, b, selfCores);
}

function git(...argv: string[]): string {
  try {
    return execFileSync("git", argv, { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

// ── micro-benchmarks ────────────────────────────────────────────────────────────────────

function runMicro(): { micro: MicroSummary[]; skipped: { name: string; reason: string }[] } {
  const out = path.join(tmpDir, `micro-${process.pid}.jsonl`);
  rmSync(out, { force: true });
  log("micro-benchmarks: vitest bench (this process's CPU affinity is inherited)");
  const vitest = path.join(root, "node_modules", ".bin", "vitest");
  const r = spawnSync(vitest, ["bench", "--run", "--config", "bench/vitest.bench.config.ts"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CC_BENCH_MICRO_OUT: out },
    timeout: 5 * 60_000,
  });
  if (r.status !== 0)
    notes.push(`vitest bench exited with ${r.status ?? r.signal}: some micro-benchmarks are missing.`);
  const inputs = microInputs();
  const micro: MicroSummary[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const lines = existsSync(out) ? readFileSync(out, "utf8").split("\n").filter(Boolean) : [];
  for (const line of lines) {
    const rec = JSON.parse(line) as MicroRecord | { name: string; skipped: string };
    if ("skipped" in rec) {
      skipped.push({ name: rec.name, reason: rec.skipped });
      continue;
    }
    const input = inputs[rec.name] ?? {};
    // Rates from the median iteration: robust to a busy machine's outliers.
    const perSec = rec.p50Ms > 0 ? 1000 / rec.p50Ms : Number.NaN;
    micro.push({
      ...rec,
      ...(input.bytes ? { bytes: input.bytes, mbPerSec: (input.bytes * perSec) / 1e6 } : {}),
      ...(input.events ? { eventsPerSec: input.events * perSec } : {}),
      ...(input.calls ? { callsPerSec: input.calls * perSec } : {}),
    });
  }
  rmSync(out, { force: true });
  return { micro, skipped };
}

// ── load scenarios ──────────────────────────────────────────────────────────────────────

function urlFor(stack: Stack, sc: Scenario): string {
  const base = sc.target === "gateway" ? stack.gateway : sc.target === "floor" ? stack.floor : stack.upstream;
  return `${base}${sc.path}`;
}

type Probe = { ok: true } | { ok: false; status: "not-available" | "failed"; note: string };

/** One request first: a 404 means the route (or the upstream's) is not there yet. */
async function probe(url: string, sc: Scenario, headers: Record<string, string>): Promise<Probe> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers,
      body: sc.body.toString("utf8"),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    return { ok: false, status: "failed", note: `probe failed: ${String(err)}` };
  }
  const text = await res.text();
  const message = (() => {
    try {
      const j = JSON.parse(text) as { error?: { message?: string } };
      return j.error?.message ?? text.slice(0, 200);
    } catch {
      return text.slice(0, 200);
    }
  })();
  if (res.status === 404) {
    const where = sc.target === "gateway" ? `the gateway's ${sc.path}` : `the upstream's ${sc.path}`;
    return {
      ok: false,
      status: "not-available",
      note: `not available yet: ${where} answers 404 (${message})`,
    };
  }
  if (res.status !== 200)
    return { ok: false, status: "failed", note: `probe: HTTP ${res.status}: ${message}` };
  if (sc.expectTail && !text.includes(sc.expectTail)) {
    return {
      ok: false,
      status: "failed",
      note: `probe: the stream has no ${sc.expectTail}: …${text.slice(-200)}`,
    };
  }
  if (
    sc.target === "gateway" &&
    !sc.stream &&
    sc.format === "anthropic" &&
    !res.headers.has("x-cc-cost-nano-usd")
  ) {
    notes.push(`${sc.id}: the probe's answer carried no x-cc-cost-nano-usd: was it settled?`);
  }
  return { ok: true };
}

const groupOf = (id: string) => id.split(".")[0] as ScenarioRecord["group"];

async function runScenario(stack: Stack, seeded: Seeded, sc: Scenario): Promise<ScenarioRecord> {
  const record: ScenarioRecord = {
    id: sc.id,
    title: sc.title,
    group: groupOf(sc.id),
    target: sc.target,
    route: sc.path,
    stream: sc.stream,
    body: sc.bodyLabel,
    ...(sc.shape ? { shape: sc.shape } : {}),
    ...(sc.keys ? { keys: sc.keys } : {}),
    concurrency: sc.concurrency ?? concurrency,
    status: "ok",
  };
  const url = urlFor(stack, sc);
  const headers = headersFor(sc, stack.devEnv.ANTHROPIC_UPSTREAM_KEY ?? "");
  let rotate: LoadOptions["rotate"];
  if (sc.target === "gateway") {
    const kh = keyHeader(sc);
    const keys = await seeded.keys(sc.keys ?? KEYS_PER_SCENARIO, sc.id);
    rotate = { header: kh.header, values: keys.map(kh.value) };
  }
  const probeHeaders = rotate ? { ...headers, [rotate.header]: rotate.values[0]! } : headers;
  const p = await probe(url, sc, probeHeaders);
  if (!p.ok) {
    log(`${sc.id}: ${p.note}`);
    return { ...record, status: p.status, note: p.note };
  }

  let j0 = 0;
  let s0 = 0;
  let d0 = 0;
  let t0 = cpuTimes();
  let j1 = 0;
  let s1 = 0;
  let t1 = t0;
  log(
    `${sc.id}: ${sc.title} — ${warmupMs} ms warm-up, ${durationMs} ms at concurrency ${record.concurrency}`,
  );
  const load: LoadResult = await runLoad({
    url,
    headers,
    ...(rotate ? { rotate } : {}),
    body: sc.body,
    concurrency: record.concurrency,
    warmupMs,
    durationMs,
    maxRequests: MAX_REQUESTS,
    timeoutMs: REQUEST_TIMEOUT_MS,
    ...(sc.expectTail ? { expectTail: sc.expectTail } : {}),
    onMeasureStart: () => {
      j0 = processJiffies(stack.pid);
      s0 = processJiffies(process.pid);
      d0 = stack.d1Statements();
      t0 = cpuTimes();
    },
    onMeasureEnd: () => {
      j1 = processJiffies(stack.pid);
      s1 = processJiffies(process.pid);
      t1 = cpuTimes();
    },
  });
  // An account flushes within a minute of its first unflushed request: the phase's own flush is
  // forced once its last requests have settled, so that it counts here and not in the next one.
  let d1PerThousand: number | undefined;
  if (sc.target === "gateway" && load.completed > 0) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS));
    await seeded.flush();
    d1PerThousand = ((stack.d1Statements() - d0) * 1000) / load.completed;
  }
  const seconds = load.elapsedMs / 1000;
  const serverCores = (j1 - j0) / CLOCK_TICKS / seconds;
  const generatorCores = (s1 - s0) / CLOCK_TICKS / seconds;
  const mem = memoryMiB(stack.pid);
  if (load.bad > 0) record.note = `${load.bad} bad responses; first: ${load.firstBad ?? "?"}`;
  return {
    ...record,
    load,
    server: {
      cpuUsPerRequest: load.good > 0 ? ((j1 - j0) * 1e6) / CLOCK_TICKS / load.good : Number.NaN,
      cpuCores: serverCores,
      rssMiB: mem.rss,
      peakRssMiB: mem.peak,
    },
    generatorCores,
    otherCores: otherCores(t0, t1, serverCores + generatorCores),
    ...(d1PerThousand !== undefined ? { d1PerThousand } : {}),
  };
}

function attachFloors(records: ScenarioRecord[], scenarios: Scenario[]): void {
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const sc of scenarios) {
    const r = byId.get(sc.id);
    if (!r || !sc.floor) continue;
    const floor = sc.floor.find((id) => byId.get(id)?.status === "ok");
    if (floor) r.floorId = floor;
  }
}

/**
 * D1 and Durable Object storage on tmpfs when there is one: local SQLite on the shared VM's
 * disk measured the disk (fsync behind every transaction, other engineers' tests writing),
 * not the gateway. Production storage is neither.
 */
const STORAGE_ROOT = existsSync("/dev/shm") ? `/dev/shm/cc-gateway-bench-${process.pid}` : undefined;
const storageLabel = STORAGE_ROOT ? "tmpfs (/dev/shm)" : "Miniflare's default temporary directory";

async function withStack<T>(
  bundles: Awaited<ReturnType<typeof bundleWorkers>>,
  kind: UpstreamKind,
  inspector: boolean,
  fn: (stack: Stack, seeded: Seeded) => Promise<T>,
): Promise<T> {
  log(`starting workerd (upstream: ${kind}${inspector ? ", inspector on" : ""})`);
  const persistTo = STORAGE_ROOT ? `${STORAGE_ROOT}/${kind}${inspector ? "-profiled" : ""}` : undefined;
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  const stack = await startStack(bundles, kind, {
    serverCpus: SERVER_CPUS,
    inspector,
    ...(persistTo ? { persistTo } : {}),
  });
  running.add(stack.pid);
  try {
    if (!stack.pinned && twoCores)
      notes.push(`workerd (pid ${stack.pid}) could not be pinned to CPU ${SERVER_CPUS}.`);
    const seeded = await seed(stack.gateway, stack.devEnv.ADMIN_TOKEN ?? "");
    return await fn(stack, seeded);
  } finally {
    await stack.stop();
    running.delete(stack.pid);
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

// ── sessions ────────────────────────────────────────────────────────────────────────────

const SESSIONS_ID = "session";

/** Codex-like sessions, HTTP then WebSocket, on one fresh key (lib/sessions.ts). */
async function measureSessions(stack: Stack, seeded: Seeded): Promise<SessionRecord[]> {
  const [key] = await seeded.keys(1, SESSIONS_ID);
  const options = { model: "gpt-5.5", sessions: args.quick ? 4 : 12, turns: args.quick ? 5 : 10 };
  log(
    `${SESSIONS_ID}: ${options.sessions} sessions × ${options.turns} turns over HTTP, then over the WebSocket`,
  );
  const out = await runSessions(stack.gateway, key!, options);
  for (const r of out) {
    if (r.errors > 0)
      notes.push(`${SESSIONS_ID} over ${r.transport}: ${r.errors} failed sessions; first: ${r.firstError}`);
  }
  return out;
}

// ── profiles ────────────────────────────────────────────────────────────────────────────

async function profileGateway(
  bundles: Awaited<ReturnType<typeof bundleWorkers>>,
  kind: UpstreamKind,
  scenarios: Scenario[],
): Promise<ProfileRecord[]> {
  if (scenarios.length === 0) return [];
  return withStack(bundles, kind, true, async (stack, seeded) => {
    const out: ProfileRecord[] = [];
    for (const sc of scenarios) {
      const kh = keyHeader(sc);
      const keys = (await seeded.keys(sc.keys ?? KEYS_PER_SCENARIO, `profile ${sc.id}`)).map(kh.value);
      const options: LoadOptions = {
        url: urlFor(stack, sc),
        headers: headersFor(sc, stack.devEnv.ANTHROPIC_UPSTREAM_KEY ?? ""),
        rotate: { header: kh.header, values: keys },
        body: sc.body,
        concurrency,
        warmupMs: 0,
        durationMs: warmupMs,
        maxRequests: MAX_REQUESTS,
        timeoutMs: REQUEST_TIMEOUT_MS,
        ...(sc.expectTail ? { expectTail: sc.expectTail } : {}),
      };
      log(`profiling the gateway's isolate under ${sc.id} for ${PROFILE_MS} ms of load`);
      await runLoad(options); // warm-up, unprofiled
      let load: LoadResult | undefined;
      const profiles = await profileWorkerd(stack.inspector!, ["core:user:cc-gateway"], async () => {
        load = await runLoad({ ...options, durationMs: PROFILE_MS });
      });
      out.push({
        title: `the gateway's isolate in workerd under \`${sc.id}\` (${sc.title})`,
        scenario: `${load?.good ?? 0} good responses in ${((load?.elapsedMs ?? 0) / 1000).toFixed(1)} s while profiled`,
        summary: summarize(profiles.get("core:user:cc-gateway")!, [bundles.gateway]),
      });
    }
    return out;
  });
}

async function profileTranslation(): Promise<ProfileRecord[]> {
  const { formats } = await loadPackages();
  const chunks = chunked(anthropicStreamText(), "event");
  const out: ProfileRecord[] = [];
  for (const lookup of [chatTranslator(formats), responsesTranslator(formats)]) {
    if (!lookup.ok) continue;
    const t = lookup.translator;
    log(`profiling the stream translator ${t.via} in Node for ${PROFILE_MS} ms`);
    let rounds = 0;
    const profile = await profileSelf(() => {
      const end = performance.now() + PROFILE_MS;
      while (performance.now() < end && rounds < 100_000) {
        translateAll(formats, t, chunks);
        rounds++;
      }
    });
    out.push({
      title: `stream translation in Node: ${t.via}`,
      scenario: `${rounds} passes over the 1 MiB corpus, one chunk per event`,
      summary: summarize(profile, [packagesBundlePath()]),
    });
  }
  return out;
}

// ── targets ─────────────────────────────────────────────────────────────────────────────

/** The issue's targets, as ratios to the floor measured in the same run. */
function targets(
  records: ScenarioRecord[],
  micro: MicroSummary[],
  soak: SoakRecord | undefined,
): TargetRecord[] {
  const ok = (id: string) => {
    const r = records.find((x) => x.id === id);
    return r?.status === "ok" ? r : undefined;
  };
  const unmeasured = (name: string, detail = "not measured in this run"): TargetRecord => ({
    name,
    measured: "—",
    met: null,
    detail,
  });
  const out: TargetRecord[] = [];

  const gw = ok("json.gateway");
  const floor = ok("json.floor");
  const hot = ok("json.gateway-1key");
  {
    const name = "non-streamed passthrough ≥ 50% of the floor's req/s";
    if (gw?.load && floor?.load) {
      const ratio = gw.load.rps / floor.load.rps;
      out.push({
        name,
        measured: `${(100 * ratio).toFixed(0)}%`,
        met: ratio >= 0.5,
        detail: `${gw.load.rps.toFixed(0)} vs ${floor.load.rps.toFixed(0)} req/s (concurrency ${concurrency})`,
      });
    } else out.push(unmeasured(name));
  }
  {
    const name = "one hot key within 10% of 32 keys";
    if (gw?.load && hot?.load) {
      const ratio = hot.load.rps / gw.load.rps;
      out.push({
        name,
        measured: `${(100 * ratio).toFixed(0)}%`,
        met: ratio >= 0.9,
        detail: `${hot.load.rps.toFixed(0)} req/s on one key vs ${gw.load.rps.toFixed(0)} over ${KEYS_PER_SCENARIO}`,
      });
    } else out.push(unmeasured(name));
  }
  {
    const name = "CPU per non-streamed request ≤ 3× the floor's";
    if (gw?.server && floor?.server) {
      const ratio = gw.server.cpuUsPerRequest / floor.server.cpuUsPerRequest;
      out.push({
        name,
        measured: `${ratio.toFixed(2)}×`,
        met: ratio <= 3,
        detail: `whole workerd process per good response (upstream included): ${gw.server.cpuUsPerRequest.toFixed(0)} vs ${floor.server.cpuUsPerRequest.toFixed(0)} µs`,
      });
    } else out.push(unmeasured(name));
  }
  const sg = ok("stream.gateway");
  const sf = ok("stream.floor");
  {
    const name = "stream TTFB p50 within 2 ms of the floor's";
    if (sg?.load && sf?.load) {
      const d50 = sg.load.ttfb.p50 - sf.load.ttfb.p50;
      out.push({
        name,
        measured: `${d50 >= 0 ? "+" : ""}${d50.toFixed(2)} ms`,
        met: d50 <= 2,
        detail: `p50 ${sg.load.ttfb.p50.toFixed(2)} vs ${sf.load.ttfb.p50.toFixed(2)} ms; p99 ${sg.load.ttfb.p99.toFixed(2)} vs ${sf.load.ttfb.p99.toFixed(2)} ms`,
      });
    } else out.push(unmeasured(name));
  }
  const bg = ok("bulk.gateway");
  const bf = ok("bulk.floor");
  {
    const name = "CPU per delta of a passthrough stream ≤ 1.5× the floor's";
    if (bg?.server && bf?.server) {
      const deltas = bg.shape?.deltas ?? 1;
      const ratio = bg.server.cpuUsPerRequest / bf.server.cpuUsPerRequest;
      out.push({
        name,
        measured: `${ratio.toFixed(2)}×`,
        met: ratio <= 1.5,
        detail: `${(bg.server.cpuUsPerRequest / deltas).toFixed(2)} vs ${(bf.server.cpuUsPerRequest / deltas).toFixed(2)} µs per delta over ${deltas}-delta streams (each stream's fixed cost spread over its deltas)`,
      });
    } else out.push(unmeasured(name));
  }
  {
    const name = "translation ≥ 50 MB/s per core, Chat and Responses";
    const translators = [
      ["Chat", "Anthropic → OpenAI Chat stream translation, one chunk per event"],
      ["Responses", "Anthropic → OpenAI Responses stream translation, one chunk per event"],
    ]
      .map(([label, full]) => ({ label, m: micro.find((x) => x.name === full) }))
      .filter(
        (x): x is { label: string; m: MicroSummary & { mbPerSec: number } } => x.m?.mbPerSec !== undefined,
      );
    if (translators.length > 0) {
      out.push({
        name,
        measured: translators.map((x) => `${x.label} ${x.m.mbPerSec.toFixed(1)} MB/s`).join(", "),
        met: Math.min(...translators.map((x) => x.m.mbPerSec)) >= 50,
        detail:
          "Anthropic stream → the client's format, one chunk per event: MB of upstream SSE per second on one core (median iteration of `vitest bench`)",
      });
    } else out.push(unmeasured(name, "no translator measured"));
  }
  {
    // Steady state is the soak's figure: an account flushes once a minute, and a scenario of a
    // few seconds (its flush forced at the end) holds a whole flush for a few seconds' requests.
    const name = "D1 statements per 1,000 proxied requests < 20";
    const measured = records.filter((r) => r.d1PerThousand !== undefined);
    const worst = measured.length
      ? measured.reduce((a, b) => (b.d1PerThousand! > a.d1PerThousand! ? b : a))
      : undefined;
    const sources = "the gateway's D1 log lines: key lookups, account loads, outbox flushes, channel reads";
    const scenarioNote = worst
      ? `; at most ${worst.d1PerThousand!.toFixed(1)} in a ${durationMs / 1000}-s scenario with its flush forced at the end (\`${worst.id}\`, ${worst.load?.completed ?? 0} requests)`
      : "";
    if (soak?.d1PerThousand !== undefined) {
      out.push({
        name,
        measured: `${soak.d1PerThousand.toFixed(1)}`,
        met: soak.d1PerThousand < 20,
        detail: `the soak of ${soak.startedAt.slice(0, 16).replace("T", " ")} UTC (${soak.requests} requests at ${soak.ratePerSec} req/s), from ${sources}${scenarioNote}`,
      });
    } else if (worst) {
      out.push({
        name,
        measured: `${worst.d1PerThousand!.toFixed(1)}`,
        met: worst.d1PerThousand! < 20,
        detail: `the most of any gateway scenario (\`${worst.id}\`, its flush forced at the end; no soak has counted them yet), from ${sources}`,
      });
    } else out.push(unmeasured(name));
  }
  {
    const name = "10-minute soak: RSS growth < 10% after warm-up, zero errors";
    if (soak) {
      out.push({
        name,
        measured: `${soak.rssGrowthPct >= 0 ? "+" : ""}${soak.rssGrowthPct.toFixed(1)}% RSS, ${soak.errors} errors`,
        met: soak.rssGrowthPct < 10 && soak.errors === 0,
        detail: `\`pnpm bench --soak\` of ${soak.startedAt.slice(0, 16).replace("T", " ")} UTC: ${soak.minutes} min at ${soak.ratePerSec} req/s, ${soak.requests} requests; RSS ${soak.rssAfterWarmupMiB.toFixed(0)} MiB after ${soak.warmupMinutes} min → ${soak.rssEndMiB.toFixed(0)} MiB at the end`,
      });
    } else out.push(unmeasured(name, "no `pnpm bench --soak` result in bench/results yet"));
  }
  return out;
}

// ── soak ────────────────────────────────────────────────────────────────────────────────

const SOAK_SAMPLE_S = 10;

/** The newest soak record in bench/results, if any. */
function latestSoak(): SoakRecord | undefined {
  const dir = path.join(root, "bench", "results");
  if (!existsSync(dir)) return undefined;
  const newest = readdirSync(dir)
    .filter((f) => f.startsWith("soak-") && f.endsWith(".json"))
    .sort()
    .at(-1);
  return newest ? (JSON.parse(readFileSync(path.join(dir, newest), "utf8")) as SoakRecord) : undefined;
}

/**
 * `--soak`: json.gateway at a steady rate (below what this machine serves, so that nothing
 * queues) for `--soak-minutes`; RSS and the gateway isolate's JS heap are sampled throughout,
 * and RSS is judged after the first fifth.
 */
async function runSoak(): Promise<void> {
  const startedAt = new Date();
  // The commit whose Workers are bundled below (one made during the soak is not what it ran).
  const commit = git("rev-parse", "--short", "HEAD");
  const minutes = Number(args["soak-minutes"] ?? 10);
  const ratePerSec = Number(args["soak-rate"] ?? 200);
  // The first fifth: at 200 req/s, workerd's RSS climbs for about two minutes (the gateway's JS
  // heap stays flat meanwhile: allocator and runtime pools, SQLite caches), then levels off.
  const warmupMinutes = minutes / 5;
  const sc = allScenarios().find((s) => s.id === "json.gateway")!;
  log(`soak: ${sc.title} at ${ratePerSec} req/s for ${minutes} min (${warmupMinutes} min warm-up)`);
  const bundles = await bundleWorkers();
  const record = await withStack(bundles, "mock", true, async (stack, seeded) => {
    const kh = keyHeader(sc);
    const keys = (await seeded.keys(KEYS_PER_SCENARIO, "soak")).map(kh.value);
    const heap = stack.inspector ? await heapReader(stack.inspector, "core:user:cc-gateway") : undefined;
    const t0 = performance.now();
    const samples: SoakRecord["rssSamples"] = [];
    const sample = async () => {
      const m = memoryMiB(stack.pid);
      const h = await heap?.read().catch(() => undefined);
      samples.push({
        atS: Math.round((performance.now() - t0) / 1000),
        rssMiB: m.rss,
        anonMiB: m.anon,
        fileMiB: m.file,
        shmemMiB: m.shmem,
        ...(h ? { gatewayHeapMiB: h.usedMiB, gatewayHeapTotalMiB: h.totalMiB } : {}),
      });
    };
    await sample();
    const timer = setInterval(() => void sample(), SOAK_SAMPLE_S * 1000);
    let rssAfterWarmup = 0;
    let d0 = 0;
    try {
      const load = await runLoad({
        url: urlFor(stack, sc),
        headers: headersFor(sc, stack.devEnv.ANTHROPIC_UPSTREAM_KEY ?? ""),
        rotate: { header: kh.header, values: keys },
        body: sc.body,
        concurrency,
        warmupMs: warmupMinutes * 60_000,
        durationMs: (minutes - warmupMinutes) * 60_000,
        maxRequests: MAX_REQUESTS,
        timeoutMs: REQUEST_TIMEOUT_MS,
        ratePerSec,
        onMeasureStart: () => {
          rssAfterWarmup = memoryMiB(stack.pid).rss;
          d0 = stack.d1Statements();
          log(`soak: warm-up done, RSS ${rssAfterWarmup.toFixed(0)} MiB`);
        },
      });
      await sample();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS));
      await seeded.flush();
      const d1PerThousand = load.completed > 0 ? ((stack.d1Statements() - d0) * 1000) / load.completed : 0;
      const mem = memoryMiB(stack.pid);
      const out: SoakRecord = {
        startedAt: startedAt.toISOString(),
        commit,
        scenario: sc.id,
        minutes,
        warmupMinutes,
        ratePerSec,
        requests: load.completed,
        good: load.good,
        errors: load.bad,
        statuses: load.statuses,
        ...(load.firstBad ? { firstBad: load.firstBad } : {}),
        rssAfterWarmupMiB: rssAfterWarmup,
        rssEndMiB: mem.rss,
        rssGrowthPct: (100 * (mem.rss - rssAfterWarmup)) / rssAfterWarmup,
        peakRssMiB: mem.peak,
        latencyP50Ms: load.latency.p50,
        latencyP99Ms: load.latency.p99,
        d1PerThousand,
        rssSamples: samples,
      };
      return out;
    } finally {
      clearInterval(timer);
      heap?.close();
    }
  });
  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, "-").replace(/\..*$/, "");
  const jsonPath = path.join(resultsDir, `soak-${stamp}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`\n${renderSoak(record, path.relative(root, jsonPath))}\n`);
  const doc = path.join(root, "docs", "performance.md");
  writeSoakDoc(doc, record, path.relative(root, jsonPath));
  spawnSync(path.join(root, "node_modules", ".bin", "biome"), ["format", "--write", doc], {
    cwd: root,
    stdio: "pipe",
    timeout: 60_000,
  });
  log(`wrote ${path.relative(root, jsonPath)} and the soak section of docs/performance.md`);
}

// ── main ────────────────────────────────────────────────────────────────────────────────

/** Writes docs/performance.md from `results`, formatted by the repository's formatter. */
function writeReport(results: BenchResults, jsonPath: string): void {
  const doc = path.join(root, "docs", "performance.md");
  writeDoc(doc, results, path.relative(root, jsonPath));
  // The repository's formatter owns Markdown layout (table padding): `pnpm lint` stays green.
  const biome = spawnSync(path.join(root, "node_modules", ".bin", "biome"), ["format", "--write", doc], {
    cwd: root,
    stdio: "pipe",
    timeout: 60_000,
  });
  if (biome.status !== 0) log(`biome could not format docs/performance.md: ${String(biome.stderr)}`);
  process.stdout.write(renderConsole(results));
}

async function main(): Promise<void> {
  if (args.soak) return runSoak();
  if (args.render) {
    const jsonPath = path.resolve(args.render);
    writeReport(JSON.parse(readFileSync(jsonPath, "utf8")) as BenchResults, jsonPath);
    return;
  }
  mkdirSync(tmpDir, { recursive: true });
  const loadBefore = loadAverage();
  log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}; load average ${loadBefore.join(" ")}`);
  const idleOther = await idleLoad(2000);
  log(`other processes keep ${idleOther.toFixed(2)} cores busy before the run`);

  const { micro, skipped } = args["skip-micro"] ? { micro: [], skipped: [] } : runMicro();
  for (const s of skipped) notes.push(`micro-benchmark "${s.name}" not run: ${s.reason}.`);

  let records: ScenarioRecord[] = [];
  const profiles: ProfileRecord[] = [];
  let miniflareVersion = "";
  let workerdVersion = "";
  let serverPinned = false;
  const scenarios = allScenarios().filter((s) => !args.only || s.id.startsWith(args.only));
  const wantSessions = !args.only || SESSIONS_ID.startsWith(args.only);
  let sessions: SessionRecord[] = [];
  if (!args["skip-load"]) {
    log("bundling the Workers");
    const bundles = await bundleWorkers();
    for (const kind of ["mock", "stream"] as const) {
      const mine = scenarios.filter((s) => s.stack === kind);
      const withSessions = kind === "mock" && wantSessions;
      if (mine.length === 0 && !withSessions) continue;
      const got = await withStack(bundles, kind, false, async (stack, seeded) => {
        miniflareVersion = stack.miniflareVersion;
        workerdVersion = stack.workerdVersion;
        serverPinned = stack.pinned;
        const out: ScenarioRecord[] = [];
        for (const sc of mine) out.push(await runScenario(stack, seeded, sc));
        if (withSessions) sessions = await measureSessions(stack, seeded);
        return out;
      });
      records = records.concat(got);
    }
    attachFloors(records, scenarios);
    if (!args["no-profile"]) {
      const okIds = new Set(records.filter((r) => r.status === "ok").map((r) => r.id));
      const pick = (ids: string[]) => scenarios.filter((s) => ids.includes(s.id) && okIds.has(s.id));
      try {
        profiles.push(
          ...(await profileGateway(bundles, "mock", pick(["json.gateway", "json.gateway-chat"]))),
        );
        profiles.push(
          ...(await profileGateway(bundles, "stream", pick(["bulk.gateway", "bulk.gateway-chat"]))),
        );
      } catch (err) {
        notes.push(`workerd profile failed: ${String(err)}`);
      }
    }
  }
  if (!args["no-profile"] && !args["skip-micro"]) {
    try {
      profiles.push(...(await profileTranslation()));
    } catch (err) {
      notes.push(`translation profile failed: ${String(err)}`);
    }
  }

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: startCommit,
    dirtyFiles: startDirtyFiles,
    machine: {
      cpuModel: os.cpus()[0]?.model ?? "?",
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      miniflare: miniflareVersion,
      workerd: workerdVersion,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      idleOtherCores: idleOther,
    },
    setup: {
      serverCpus: SERVER_CPUS,
      generatorCpus: GENERATOR_CPUS,
      serverPinned,
      generatorPinned,
      concurrency,
      warmupMs,
      durationMs,
      keysPerScenario: KEYS_PER_SCENARIO,
      storage: storageLabel,
    },
    scenarios: records,
    sessions,
    micro,
    microSkipped: skipped,
    targets: targets(records, micro, latestSoak()),
    profiles,
    notes,
  };

  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, "-").replace(/\..*$/, "");
  const jsonPath = path.join(resultsDir, `${stamp}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeReport(results, jsonPath);
  log(`wrote ${path.relative(root, jsonPath)} and docs/performance.md`);
}

const OVERALL_MINUTES = args.soak ? Number(args["soak-minutes"] ?? 10) + 5 : 15;
const overall = setTimeout(() => {
  log(`the bench ran past ${OVERALL_MINUTES} minutes: giving up`);
  killOurs();
  process.exit(2);
}, OVERALL_MINUTES * 60_000);
overall.unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killOurs();
    process.exit(130);
  });
}

main().then(
  () => {
    clearTimeout(overall);
    if (STORAGE_ROOT) rmSync(STORAGE_ROOT, { recursive: true, force: true });
    // Keep-alive sockets or Miniflare's leftovers must not keep the process alive.
    setTimeout(() => process.exit(0), 100).unref();
  },
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    killOurs();
    process.exit(1);
  },
);
