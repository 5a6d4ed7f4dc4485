import { hash64 } from "../anthropic/hash.ts";
import type { Segment } from "./segments.ts";

/**
 * OpenAI's automatic prompt caching, simulated in the isolate. There are no breakpoints:
 * every request's prompt prefixes (at segment boundaries) of ≥ 1024 tokens are remembered for
 * 5 minutes (24 h with prompt_cache_retention "24h"), scoped by model and `prompt_cache_key`
 * (requests without one share the "" scope). A request reads the longest remembered prefix of
 * its own prompt, refreshing it:
 *
 *   cached_tokens = that prefix's tokens rounded down to a multiple of 128 (0 below 1024)
 *
 * so the second identical request within 5 minutes has cached_tokens = floor(prompt / 128) · 128
 * when the prompt has ≥ 1024 tokens. Writing is free and not reported (cache_write_tokens 0).
 */
const MIN_TOKENS = 1024;
const INCREMENT = 128;
const MAX_ENTRIES = 10_000;
const TTL_MS = { in_memory: 5 * 60_000, "24h": 24 * 60 * 60_000 } as const;
const store = new Map<string, number>(); // key → expiresAt

export function clearOpenAiCache(): void {
  store.clear();
}

export function simulatePromptCache(
  model: string,
  scope: string,
  segments: Segment[],
  retention: string | null | undefined,
  now = Date.now(),
): number {
  const ttl = retention === "24h" ? TTL_MS["24h"] : TTL_MS.in_memory;
  let chain = hash64(`${model}\u0000${scope}`);
  let tokens = 0;
  const prefixes: { key: string; tokens: number }[] = [];
  for (const s of segments) {
    chain = hash64(`${chain}\u0000${s.key}`);
    tokens += s.tokens;
    if (tokens >= MIN_TOKENS) prefixes.push({ key: chain, tokens });
  }
  let hit = 0;
  for (const p of prefixes.toReversed()) {
    const expiresAt = store.get(p.key);
    if (expiresAt !== undefined && expiresAt > now) {
      hit = p.tokens;
      break;
    }
  }
  for (const p of prefixes) {
    store.delete(p.key); // re-insert so Map order stays oldest-first for eviction
    store.set(p.key, now + ttl);
  }
  while (store.size > MAX_ENTRIES) {
    const oldest = store.keys().next().value;
    if (oldest === undefined) break;
    store.delete(oldest);
  }
  return hit >= MIN_TOKENS ? Math.floor(hit / INCREMENT) * INCREMENT : 0;
}
