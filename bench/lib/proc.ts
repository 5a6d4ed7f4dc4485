/**
 * What the bench reads from Linux's /proc: the server process's CPU time and memory, the
 * machine's load, and CPU pinning through taskset(1). Linux only, by design.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** Fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces). */
function statFields(pid: number): string[] {
  const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
  return raw.slice(raw.lastIndexOf(")") + 2).split(" ");
}

/** utime + stime of a process (all its threads), in microseconds. */
export function cpuMicros(pid: number): number {
  const f = statFields(pid);
  // After the name: state(3) ppid(4) … utime(14) stime(15); index = field number − 3.
  return ((Number(f[11]) + Number(f[12])) * 1e6) / CLOCK_TICKS;
}

/** Resident set size and its peak, in MiB. */
export function memoryMiB(pid: number): {
  rss: number;
  peak: number;
  anon: number;
  file: number;
  shmem: number;
} {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return {
    rss: kb("VmRSS") / 1024,
    peak: kb("VmHWM") / 1024,
    // RSS split: heap and other private memory; mapped files; shared memory (tmpfs storage maps).
    anon: kb("RssAnon") / 1024,
    file: kb("RssFile") / 1024,
    shmem: kb("RssShmem") / 1024,
  };
}

/** The pids of `parent`'s direct children whose command name is `comm`. */
export function childrenNamed(parent: number, comm: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = raw.slice(raw.indexOf("(") + 1, raw.lastIndexOf(")"));
      if (name === comm && Number(statFields(Number(entry))[1]) === parent) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Pins every thread of `pid` to `cpus` (e.g. "0"); false when taskset is missing or refuses. */
export function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync("taskset", ["-a", "-c", "-p", cpus, String(pid)], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/** The CPUs a process may run on, as taskset reports them ("0", "0,1", …). */
export function affinity(pid: number): string {
  try {
    const out = execFileSync("taskset", ["-c", "-p", String(pid)], { encoding: "utf8" });
    return out.split(":").pop()?.trim() ?? "?";
  } catch {
    return "?";
  }
}

/** Busy and total jiffies per CPU from /proc/stat, to tell how loaded the machine was. */
export interface CpuTimes {
  busy: number[];
  total: number[];
}

export function cpuTimes(): CpuTimes {
  const busy: number[] = [];
  const total: number[] = [];
  for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const v = m[2]!.split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal …: idle + iowait are not busy.
    const all = v.slice(0, 8).reduce((a, b) => a + b, 0);
    busy[Number(m[1])] = all - (v[3] ?? 0) - (v[4] ?? 0);
    total[Number(m[1])] = all;
  }
  return { busy, total };
}

/** Per-CPU busy fraction between two samples. */
export function busyBetween(a: CpuTimes, b: CpuTimes): number[] {
  return b.busy.map((busy, i) => {
    const dt = b.total[i]! - a.total[i]!;
    return dt > 0 ? (busy - a.busy[i]!) / dt : 0;
  });
}

/** Jiffies of one process (utime + stime) — to subtract the bench's own processes from a CPU's load. */
export function processJiffies(pid: number): number {
  const f = statFields(pid);
  return Number(f[11]) + Number(f[12]);
}

export const loadAverage = (): number[] => loadavg().map((n) => Math.round(n * 100) / 100);
export { CLOCK_TICKS };
