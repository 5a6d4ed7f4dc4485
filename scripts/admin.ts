/**
 * `pnpm admin <command>`: the operators' CLI over the gateway's /api/admin API.
 * CC_GATEWAY_URL (default http://localhost:8787) and CC_ADMIN_TOKEN (default: dev.env's)
 * say which gateway and how to authenticate.
 */
import { parseArgs } from "node:util";
import { readDevEnv } from "./lib/dev-env.ts";

const USAGE = `usage: pnpm admin <command> [options]

  create-account --name <name> [--email <email>] [--plan basic|pro]
  list-accounts
  create-key <account-id> [--name <name>] [--rpm <n>] [--tpm <n>] [--models a,b]
  list-keys <account-id>
  revoke-key <key-id>
  set-key-limits <key-id> [--rpm <n|plan>] [--tpm <n|plan>] [--models a,b|all]
  credit <account-id> <usd> [--idempotency-key <k>] [--memo <text>]   (negative usd = debit)
  ledger <account-id>
  reconcile                 exits 1 unless every account's D1 ledger sums to its balance
`;

const base = (process.env.CC_GATEWAY_URL ?? "http://localhost:8787").replace(/\/$/, "");
const token = process.env.CC_ADMIN_TOKEN ?? readDevEnv().ADMIN_TOKEN ?? "";

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    console.error(`error ${res.status}: ${JSON.stringify(payload)}`);
    process.exit(1);
  }
  return payload;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    email: { type: "string" },
    plan: { type: "string" },
    rpm: { type: "string" },
    tpm: { type: "string" },
    models: { type: "string" },
    "idempotency-key": { type: "string" },
    memo: { type: "string" },
  },
});
const [command, arg, arg2] = positionals;
const need = (value: string | undefined, what: string): string => {
  if (!value) {
    console.error(`${command}: ${what} is required\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));
/** "plan" (or "all" for models) clears a per-key override. */
const override = (v: string | undefined) => (v === undefined ? undefined : v === "plan" ? null : int(v));

const commands: Record<string, () => Promise<unknown>> = {
  "create-account": () =>
    call("POST", "/accounts", { name: need(values.name, "--name"), email: values.email, plan: values.plan }),
  "list-accounts": () => call("GET", "/accounts"),
  "create-key": () =>
    call("POST", `/accounts/${need(arg, "<account-id>")}/keys`, {
      name: values.name,
      rpm: int(values.rpm),
      tpm: int(values.tpm),
      models: values.models?.split(",").map((m) => m.trim()),
    }),
  "list-keys": () => call("GET", `/accounts/${need(arg, "<account-id>")}/keys`),
  "revoke-key": () => call("POST", `/keys/${need(arg, "<key-id>")}/revoke`),
  "set-key-limits": () =>
    call("PATCH", `/keys/${need(arg, "<key-id>")}`, {
      rpm: override(values.rpm),
      tpm: override(values.tpm),
      models:
        values.models === undefined ? undefined : values.models === "all" ? null : values.models.split(","),
    }),
  credit: () =>
    call("POST", `/accounts/${need(arg, "<account-id>")}/credit`, {
      usd: need(arg2, "<usd>"),
      idempotency_key: values["idempotency-key"],
      memo: values.memo,
    }),
  ledger: () => call("GET", `/accounts/${need(arg, "<account-id>")}/ledger`),
  reconcile: async () => {
    const report = (await call("GET", "/reconcile")) as { ok: boolean };
    if (!report.ok) {
      console.log(JSON.stringify(report, null, 2));
      console.error("reconcile: mismatches found");
      process.exit(1);
    }
    return report;
  },
};

const run = command ? commands[command] : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(command ? 2 : 0);
}
console.log(JSON.stringify(await run(), null, 2));
