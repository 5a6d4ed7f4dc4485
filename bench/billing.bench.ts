/** Micro-benchmark of billing's cost(): it runs once per settled request, inside the AccountDO. */
import { test } from "vitest";
import { recordMicro } from "./lib/micro-record.ts";
import { loadPackages } from "./lib/packages.ts";

const { cost, costBreakdown, DEFAULT_PRICE_TABLE, planFor, priceFor } = (await loadPackages()).billing;

const row = priceFor(DEFAULT_PRICE_TABLE, "claude-sonnet-4-6")!;
const plan = planFor("pro");
// A spread of realistic usages (cache reads and writes, thinking), cycled so no call is constant.
const usages = Array.from({ length: 1000 }, (_, i) => ({
  input: 10 + (i % 97) * 13,
  cacheWrite5m: i % 3 === 0 ? 2048 + i : 0,
  cacheWrite1h: i % 7 === 0 ? 4096 : 0,
  cacheRead: i % 2 === 0 ? 30_000 + i * 11 : 0,
  output: 50 + (i % 500) * 7,
  thinking: i % 5 === 0 ? 40 : 0,
}));

let sink = 0;

test("billing", async ({ bench }) => {
  const results = await bench.compare(
    bench("cost() × 1000", () => {
      for (const u of usages) sink += cost(u, row, plan);
    }),
    bench("costBreakdown() × 1000", () => {
      for (const u of usages) sink += costBreakdown(u, row, plan).listNano;
    }),
    { time: 1000, warmupTime: 200 },
  );
  recordMicro(results.get("cost() × 1000"));
  recordMicro(results.get("costBreakdown() × 1000"));
  if (!Number.isFinite(sink)) throw new Error("unreachable: sink is a sum of costs");
});
