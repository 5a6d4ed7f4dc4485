/**
 * `pnpm dev`: the whole stack on http://localhost:8787 against the embedded mock upstream,
 * with D1 migrated and the demo account seeded. Set ANTHROPIC_UPSTREAM_URL / _KEY together
 * with CLOUDFLARE_INCLUDE_PROCESS_ENV=true to talk to the real vendor instead.
 */
import path from "node:path";
import { readDevEnv } from "./lib/dev-env.ts";
import { DEMO_KEY, fundDemo, migrateLocal, root, seedDemo, startStack } from "./lib/stack.ts";

const port = Number(process.env.PORT ?? 8787);
const persistTo = path.join(root, ".wrangler", "state");

console.log("dev: applying D1 migrations…");
migrateLocal(persistTo);
console.log("dev: seeding the demo account…");
seedDemo(persistTo);
console.log("dev: starting the gateway, the mock upstream and the payments Worker…");
const stack = await startStack({ port, persistTo, inheritOutput: true });
await fundDemo(stack.url, process.env.ADMIN_TOKEN ?? readDevEnv().ADMIN_TOKEN ?? "");

const base = `http://localhost:${port}`;
console.log(`
cc-gateway is running on ${base}
  site:      ${base}/  (pricing, tool guides: ${base}/tools, API docs: ${base}/docs)
  demo key:  ${DEMO_KEY}   (balance: $10 of credit on the Basic plan)

  curl ${base}/api/proxy/v1/messages \\
    -H "x-api-key: ${DEMO_KEY}" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" \\
    -d '{"model":"claude-sonnet-4-6","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hello"}]}'

  Anthropic SDK:  new Anthropic({ baseURL: "${base}/api/proxy", apiKey: "${DEMO_KEY}" })
  Claude Code:    ANTHROPIC_BASE_URL=${base}/api/proxy ANTHROPIC_API_KEY=${DEMO_KEY} claude

  Your own account: ${base}/signup, then confirm it with the link in the outbox: ${base}/dev/outbox
  Operator console: ${base}/admin   (sign in with dev.env's ADMIN_TOKEN)
  Upstream channels: pnpm admin channels list   (failover on the mock's channels: README, Upstream channels)

  Top up with the dev processor (no real money), then open invoice_url in a browser:
  curl ${base}/api/account/topups -H "x-api-key: ${DEMO_KEY}" -H "content-type: application/json" \\
    -d '{"amount_usd":"20","coin":"usdttrc20","provider":"dev"}'
`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
stack.process.on("exit", (code) => process.exit(code ?? 0));
