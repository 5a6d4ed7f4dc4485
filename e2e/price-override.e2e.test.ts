import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { DEMO_KEY, fundDemo, migrateLocal, type Stack, seedDemo, startStack } from "../scripts/lib/stack.ts";

// An operator changes a price with PRICE_TABLE_JSON: the landing page's price table and the bill
// both move, because both read the one table. This needs a stack of its own, started with the
// variable set (wrangler reads it from the process environment), so that the AccountDO, which
// prices every request, sees it too.

const OVERRIDE = { "claude-sonnet-4-6": { input: "7", output: "35" } };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });

let stack: Stack;
let persistTo: string;

beforeAll(async () => {
  persistTo = mkdtempSync(path.join(tmpdir(), "cc-gateway-prices-"));
  migrateLocal(persistTo);
  seedDemo(persistTo);
  stack = await startStack({
    port: await freePort(),
    persistTo,
    env: { CLOUDFLARE_INCLUDE_PROCESS_ENV: "true", PRICE_TABLE_JSON: JSON.stringify(OVERRIDE) },
  });
  await fundDemo(stack.url, inject("adminToken"));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
});

/** The text of one tier's cell in a model's row of the landing page's price table. */
const cell = (html: string, model: string, tier: string) => {
  const row = html.slice(html.indexOf(`<tr data-model="${model}">`));
  return new RegExp(`data-tier="${tier}">([^<]*)<`).exec(row.slice(0, row.indexOf("</tr>")))?.[1];
};

it("moves the landing page's prices and the bill together", async () => {
  const defaults = await (await fetch(`${inject("baseUrl")}/`)).text();
  expect(cell(defaults, "claude-sonnet-4-6", "basic")).toBe("$1.50 / $7.50");

  const html = await (await fetch(`${stack.url}/`)).text();
  expect(cell(html, "claude-sonnet-4-6", "list")).toBe("$7.00 / $35.00");
  expect(cell(html, "claude-sonnet-4-6", "basic")).toBe("$3.50 / $17.50");
  expect(cell(html, "claude-sonnet-4-6", "pro")).toBe("$1.40 / $7.00");

  const res = await fetch(`${stack.url}/api/proxy/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": DEMO_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify({
      model: "claude-sonnet-4-6",
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
    }),
  });
  expect(res.status).toBe(200);
  const { usage } = (await res.json()) as { usage: { input_tokens: number; output_tokens: number } };
  // The demo account is on Basic: half of $7 / $35 per million is 3,500 / 17,500 nano-USD per token.
  expect(Number(res.headers.get("x-cc-cost-nano-usd"))).toBe(
    usage.input_tokens * 3_500 + usage.output_tokens * 17_500,
  );
});
