import type { Segment } from "./count.ts";
import { hash64 } from "./hash.ts";

/**
 * Prompt-cache simulation (in-isolate, like one Anthropic cache shard).
 *
 * A breakpoint is a segment carrying cache_control (tool, system block, message block, or the
 * last segment under top-level cache_control). A breakpoint's prefix = all segments up to and
 * including it; it is cacheable when its tokens ≥ 1024 (≥ 2048 for claude-haiku-*).
 *
 * - Read: looking back from each breakpoint over at most 20 segments (as Anthropic does), the
 *   longest prefix already cached for this model and not expired is read: cache_read = its
 *   tokens. A read refreshes the entry's TTL.
 * - Write: every cacheable breakpoint beyond the read point is written; the tokens between the
 *   previous read/written point and a breakpoint count as cache creation with that
 *   breakpoint's TTL ("5m" default, or "1h").
 * - input_tokens = total − read − creation.
 * Keys are a chained hash of the prefix's segments (cache_control markers excluded) + model.
 */
export interface CacheResult {
  read: number;
  write5m: number;
  write1h: number;
}

const LOOKBACK = 20;
const MAX_ENTRIES = 10_000;
const TTL_MS = { "5m": 5 * 60_000, "1h": 60 * 60_000 } as const;
const store = new Map<string, { expiresAt: number; ttlMs: number }>();

export function minCacheableTokens(model: string): number {
  return model.startsWith("claude-haiku") ? 2048 : 1024;
}

export function clearCache(): void {
  store.clear();
}

function prefixKeys(model: string, segments: Segment[]): string[] {
  const keys: string[] = [];
  let chain = hash64(model);
  for (const s of segments) {
    chain = hash64(`${chain}\u0000${s.key}`);
    keys.push(`${model}:${chain}`);
  }
  return keys;
}

export function simulateCache(model: string, segments: Segment[], now = Date.now()): CacheResult {
  const result: CacheResult = { read: 0, write5m: 0, write1h: 0 };
  const breakpoints = segments.flatMap((s, i) => (s.breakpoint ? [i] : []));
  if (breakpoints.length === 0) return result;
  const keys = prefixKeys(model, segments);
  const cumulative: number[] = [];
  let sum = 0;
  for (const s of segments) {
    sum += s.tokens;
    cumulative.push(sum);
  }

  let readIdx = -1;
  for (const b of breakpoints) {
    for (let j = b; j >= Math.max(0, b - LOOKBACK) && j > readIdx; j--) {
      const entry = store.get(keys[j] ?? "");
      if (entry && entry.expiresAt > now) {
        entry.expiresAt = now + entry.ttlMs;
        readIdx = j;
        break;
      }
    }
  }
  result.read = readIdx >= 0 ? (cumulative[readIdx] ?? 0) : 0;

  let covered = result.read;
  const min = minCacheableTokens(model);
  for (const b of breakpoints) {
    const tokens = cumulative[b] ?? 0;
    const ttl = segments[b]?.breakpoint ?? "5m";
    if (b <= readIdx || tokens < min) continue;
    if (ttl === "1h") result.write1h += tokens - covered;
    else result.write5m += tokens - covered;
    covered = tokens;
    store.delete(keys[b] ?? ""); // re-insert so Map order stays oldest-first for eviction
    store.set(keys[b] ?? "", { expiresAt: now + TTL_MS[ttl], ttlMs: TTL_MS[ttl] });
  }
  while (store.size > MAX_ENTRIES) {
    const oldest = store.keys().next().value;
    if (oldest === undefined) break;
    store.delete(oldest);
  }
  return result;
}
