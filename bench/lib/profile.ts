/**
 * CPU profiles of the hot path and their summary: the workerd isolate of a Worker through its
 * inspector (Chrome DevTools Protocol over a WebSocket), or this Node process through
 * node:inspector. Frames are attributed to source files through esbuild's `// path` markers
 * in the (unminified) bundles, so no source-map parser is needed.
 */
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

/** The Chrome DevTools Protocol's Profiler.Profile, reduced to what the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FrameShare {
  frame: string;
  /** Share of the profiled (non-idle) time, %. */
  percent: number;
  ms: number;
}

export interface ProfileSummary {
  /** Profiled time without idle, ms. */
  busyMs: number;
  /** Samples taken. */
  samples: number;
  /** Self time by function. */
  topSelf: FrameShare[];
  /** Self time summed by source file (node_modules collapsed to the package). */
  byFile: FrameShare[];
  /** Inclusive time of project functions (not node_modules): where a request's time goes. */
  topInclusive: FrameShare[];
  /** Self time rolled up by area (gateway code, AccountDO, formats, D1 client, runtime…). */
  byCategory: FrameShare[];
}

/** The area a frame's self time belongs to, from its source file (or V8's pseudo-frames). */
function category(file: string): string {
  if (file === "(program)") return "(program): V8 and runtime work outside JS frames";
  if (file === "(garbage collector)") return "(garbage collector)";
  if (file === "(native)") return "native calls from JS (in workerd: fetch, SQL exec, stream internals…)";
  if (file.startsWith("cloudflare-internal:d1")) return "D1 client (workerd's JS)";
  if (file.startsWith("cloudflare-internal:") || file.startsWith("node:")) return "runtime JS modules";
  if (file.includes("workers/gateway/src/account/")) return "AccountDO (admit, settle, alarm, outbox)";
  if (file.includes("workers/gateway/src/")) return "gateway Worker (routes, proxy, auth, meter)";
  if (file.includes("packages/formats/")) return "@cc/formats (SSE, codecs, usage)";
  if (file.includes("packages/billing/")) return "@cc/billing";
  if (file.includes("packages/db/") || file.startsWith("drizzle-orm"))
    return "D1 queries (@cc/db + drizzle-orm)";
  if (file.startsWith("zod")) return "zod (validation)";
  if (file.startsWith("hono")) return "hono";
  if (file.includes("bench/")) return "bench harness";
  return "other";
}

/** Source-file markers of one esbuild bundle: line (0-based) → file. */
class BundleMap {
  private readonly lines: number[] = [];
  private readonly files: string[] = [];
  readonly basename: string;
  constructor(basename: string, text: string) {
    this.basename = basename;
    const all = text.split("\n");
    for (let i = 0; i < all.length; i++) {
      const m = /^\/\/ ((?:[\w@.+-]+\/)+[\w@.+-]+\.(?:[cm]?[jt]sx?|json))$/.exec(all[i]!);
      if (m) {
        this.lines.push(i);
        this.files.push(m[1]!);
      }
    }
  }
  fileAt(line: number): string | undefined {
    let lo = 0;
    let hi = this.lines.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid]! <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 ? this.files[found] : undefined;
  }
}

/** node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/… → "zod (v4/core/…)". */
function shortFile(file: string): string {
  const i = file.lastIndexOf("node_modules/");
  if (i < 0) return file;
  const rest = file.slice(i + "node_modules/".length).split("/");
  const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  return `${pkg} (${rest.slice(pkg.split("/").length).join("/")})`;
}
const isDependency = (file: string) => file.includes("node_modules/");

export function summarize(profile: CpuProfile, bundles: string[], top = 15): ProfileSummary {
  const maps = bundles.map((b) => new BundleMap(path.basename(b), readFileSync(b, "utf8")));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const fileOf = (url: string, line: number): string | undefined => {
    const map = maps.find((m) => url.endsWith(m.basename));
    return map ? map.fileAt(line) : undefined;
  };
  const label = new Map<number, { frame: string; file: string; project: boolean }>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    // V8's pseudo-frames: (program), (idle), (garbage collector), (root).
    if (functionName.startsWith("(") && url === "") {
      label.set(n.id, { frame: functionName, file: functionName, project: false });
      continue;
    }
    const name = functionName || "(anonymous)";
    const file = fileOf(url, lineNumber);
    const where = file
      ? shortFile(file)
      : url.startsWith("file://")
        ? path.relative(process.cwd(), url.slice("file://".length))
        : url || "(native)";
    label.set(n.id, {
      frame: `${name} — ${where}`,
      file: file ? shortFile(file) : where,
      project: file !== undefined && !isDependency(file),
    });
  }

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const categories = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busyUs = 0;
  for (let i = 0; i < samples.length; i++) {
    // A sample's weight is the time until the next one.
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    const l = label.get(samples[i]!)!;
    if (l.frame === "(idle)") continue;
    busyUs += us;
    self.set(l.frame, (self.get(l.frame) ?? 0) + us);
    files.set(l.file, (files.get(l.file) ?? 0) + us);
    const cat = category(l.file);
    categories.set(cat, (categories.get(cat) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const pl = label.get(id)!;
      if (!pl.project || seen.has(pl.frame)) continue;
      seen.add(pl.frame);
      inclusive.set(pl.frame, (inclusive.get(pl.frame) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>): FrameShare[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({ frame, ms: us / 1000, percent: busyUs > 0 ? (100 * us) / busyUs : 0 }));
  return {
    busyMs: busyUs / 1000,
    samples: samples.length,
    topSelf: rank(self),
    byFile: rank(files),
    topInclusive: rank(inclusive),
    byCategory: rank(categories),
  };
}

/** A minimal CDP client over Node's WebSocket. */
class Cdp {
  private next = 1;
  private readonly pending = new Map<
    number,
    (r: { result?: unknown; error?: { message: string } }) => void
  >();
  private readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener("message", (ev) => {
      const msg = JSON.parse(String(ev.data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      if (msg.id !== undefined) this.pending.get(msg.id)?.(msg);
    });
  }
  static open(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener("open", () => resolve(new Cdp(ws)), { once: true });
      ws.addEventListener("error", () => reject(new Error(`cannot open ${url}`)), { once: true });
    });
  }
  send<T>(method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (r.error) reject(new Error(`${method}: ${r.error.message}`));
        else resolve(r.result as T);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
  close(): void {
    this.ws.close();
  }
}

/**
 * Profiles isolates of a workerd process while `during` runs, one CDP session per inspector
 * target: `core:user:<worker name>` for a Worker (the local D1 and Miniflare's helpers are
 * targets too).
 */
export async function profileWorkerd(
  inspectorOrigin: string,
  targetIds: string[],
  during: () => Promise<void>,
  intervalUs = 250,
): Promise<Map<string, CpuProfile>> {
  const http = inspectorOrigin.replace(/^ws:/, "http:");
  const targets = (await (await fetch(`${http}/json/list`)).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const sessions: { id: string; cdp: Cdp }[] = [];
  try {
    for (const id of targetIds) {
      const target = targets.find((t) => t.id === id);
      if (!target) throw new Error(`no inspector target ${id}`);
      sessions.push({ id, cdp: await Cdp.open(target.webSocketDebuggerUrl) });
    }
    for (const { cdp } of sessions) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: intervalUs });
    }
    await Promise.all(sessions.map(({ cdp }) => cdp.send("Profiler.start")));
    await during();
    const out = new Map<string, CpuProfile>();
    for (const { id, cdp } of sessions) {
      out.set(id, (await cdp.send<{ profile: CpuProfile }>("Profiler.stop")).profile);
    }
    return out;
  } finally {
    for (const { cdp } of sessions) cdp.close();
  }
}

/**
 * A live reader of one workerd isolate's JS heap (CDP Runtime.getHeapUsage), for the soak: a JS
 * heap that stays flat while RSS grows points at native memory (SQLite caches, the runtime).
 */
export async function heapReader(
  inspectorOrigin: string,
  targetId: string,
): Promise<{ read(): Promise<{ usedMiB: number; totalMiB: number }>; close(): void }> {
  const http = inspectorOrigin.replace(/^ws:/, "http:");
  const targets = (await (await fetch(`${http}/json/list`)).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.id === targetId);
  if (!target) throw new Error(`no inspector target ${targetId}`);
  const cdp = await Cdp.open(target.webSocketDebuggerUrl);
  return {
    read: async () => {
      const h = await cdp.send<{ usedSize: number; totalSize: number }>("Runtime.getHeapUsage");
      return { usedMiB: h.usedSize / 2 ** 20, totalMiB: h.totalSize / 2 ** 20 };
    },
    close: () => cdp.close(),
  };
}

/** Profiles this Node process while `during` runs. */
export async function profileSelf(during: () => Promise<void> | void, intervalUs = 100): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    await session.post("Profiler.start");
    await during();
    const { profile } = await session.post("Profiler.stop");
    return profile as unknown as CpuProfile;
  } finally {
    session.disconnect();
  }
}
