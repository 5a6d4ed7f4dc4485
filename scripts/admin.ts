/**
 * `pnpm admin <command>`: the operators' CLI over the gateway's /api/admin API (README
 * "Operations"). CC_GATEWAY_URL (default http://localhost:8787) and CC_ADMIN_TOKEN (default:
 * dev.env's) say which gateway and how to authenticate. Prints the API's JSON on success; on
 * failure one line on stderr and exit code 1 (the gateway refused or cannot be reached) or 2
 * (a usage mistake).
 */
import { type CommandSpec, parseAdminArgs, UsageError } from "./lib/admin-args.ts";
import { readDevEnv } from "./lib/dev-env.ts";

const COMMANDS = {
  "create-account": {
    args: [],
    options: ["name", "email", "plan"],
    summary: "--name <name> [--email <email>] [--plan basic|pro]",
  },
  "list-accounts": { args: [], options: [], summary: "" },
  account: { args: ["<account-id>"], options: [], summary: "<account-id>" },
  "create-key": {
    args: ["<account-id>"],
    options: ["name", "rpm", "tpm", "models"],
    summary: "<account-id> [--name <name>] [--rpm <n>] [--tpm <n>] [--models a,b]",
  },
  "list-keys": { args: ["<account-id>"], options: [], summary: "<account-id>" },
  "revoke-key": { args: ["<key-id>"], options: [], summary: "<key-id>" },
  "set-key-limits": {
    args: ["<key-id>"],
    options: ["name", "rpm", "tpm", "models", "daily", "monthly", "expires"],
    summary:
      '<key-id> [--name <name>] [--rpm <n|plan>] [--tpm <n|plan>] [--models a,b|all] [--daily <usd|none>] [--monthly <usd|none>] [--expires <ISO time|never>]   ("plan"/"all"/"none"/"never" clear one)',
  },
  credit: {
    args: ["<account-id>", "<usd>"],
    options: ["idempotency-key", "memo"],
    summary: "<account-id> <usd> [--idempotency-key <k>] [--memo <text>]   (negative usd = a debit)",
  },
  ledger: { args: ["<account-id>"], options: [], summary: "<account-id>" },
  reconcile: {
    args: [],
    options: [],
    summary: "                 exits 1 unless every account's D1 ledger sums to its balance",
  },
  "channels list": {
    args: [],
    options: ["json"],
    summary: "[--json yes]   health, requests, errors and tokens over the last hour and day",
  },
  "channels show": { args: ["<channel>"], options: [], summary: "<channel>" },
  "channels add": {
    args: [],
    options: ["name", "vendor", "base-url", "credential", "models", "priority", "weight", "disabled"],
    summary:
      "--name <name> --vendor anthropic|openai|gemini --base-url <url> --credential <key>|- [--models a,b=upstream-b] [--priority <n>] [--weight <n>] [--disabled yes]",
  },
  "channels edit": {
    args: ["<channel>"],
    options: ["name", "base-url", "credential", "models", "priority", "weight"],
    summary:
      "<channel> [--name <n>] [--base-url <url>] [--credential <key>|-] [--models a,b=upstream-b|all] [--priority <n>] [--weight <n>]",
  },
  "channels disable": { args: ["<channel>"], options: [], summary: "<channel>" },
  "channels enable": { args: ["<channel>"], options: [], summary: "<channel>   (its circuits start closed)" },
  "channels delete": { args: ["<channel>"], options: [], summary: "<channel>" },
  "channels reencrypt": {
    args: [],
    options: [],
    summary: "      after rotating CHANNEL_CREDENTIALS_KEY (README: Channels)",
  },
  help: { args: [], options: [], summary: "" },
} satisfies Record<string, CommandSpec>;

const USAGE = `usage: pnpm admin <command> [options]

${Object.entries(COMMANDS)
  .map(([name, spec]) => `  ${name} ${spec.summary}`.trimEnd())
  .join("\n")}

<channel> is a channel's id or name; --credential - reads the key from stdin (not the shell's history).

environment: CC_GATEWAY_URL (default http://localhost:8787), CC_ADMIN_TOKEN (default: dev.env's ADMIN_TOKEN)`;

const base = (process.env.CC_GATEWAY_URL ?? "http://localhost:8787").replace(/\/$/, "");
const token = process.env.CC_ADMIN_TOKEN ?? readDevEnv().ADMIN_TOKEN ?? "";

/** A failure to report in one line, with the exit code. */
class Failure extends Error {
  readonly code: 1 | 2;
  constructor(message: string, code: 1 | 2) {
    super(message);
    this.code = code;
  }
}

const networkReason = (err: unknown): string => {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(err);
};

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new Failure(
      `cannot reach the gateway at ${base} (${networkReason(err)}): start it with \`pnpm dev\`, or set CC_GATEWAY_URL`,
      1,
    );
  }
  const text = await res.text();
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new Failure(
      `unexpected answer from ${base} (${res.status}, not JSON): is CC_GATEWAY_URL a cc-gateway?`,
      1,
    );
  }
  if (res.status === 401)
    throw new Failure("the gateway refused the admin token (401): set CC_ADMIN_TOKEN to its ADMIN_TOKEN", 1);
  if (!res.ok) {
    const error = (payload as { error?: { type?: string; message?: string } }).error;
    throw new Failure(`${res.status} ${error?.type ?? "error"}: ${error?.message ?? text}`, 1);
  }
  return payload;
}

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Failure(`--${name} must be a whole number, got "${v}"`, 2);
  return Number(v);
};
/** "plan" clears a per-key override (back to the plan's limit). */
const override = (v: string | undefined, name: string) => (v === "plan" ? null : int(v, name));
/** A key's expiry: an ISO time (`2027-01-01T00:00:00Z`) as Unix ms; "never" clears it. */
const expiry = (v: string | undefined): number | null | undefined => {
  if (v === undefined) return undefined;
  if (v === "never") return null;
  const at = Date.parse(v);
  if (Number.isNaN(at))
    throw new UsageError(`--expires: an ISO time such as 2027-01-01T00:00:00Z, or never; got "${v}"`);
  return at;
};
const list = (v: string) =>
  v
    .split(",")
    .map((m) => m.trim())
    .filter(Boolean);

/** Signed whole numbers (priorities may be negative). */
const signed = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new Failure(`--${name} must be a whole number, got "${v}"`, 2);
  return Number(v);
};

/** `a,b=upstream-b` → {"a": null, "b": "upstream-b"}; `all` → null (every model of the vendor). */
function modelMap(v: string | undefined): Record<string, string | null> | null | undefined {
  if (v === undefined) return undefined;
  if (v === "all") return null;
  return Object.fromEntries(
    list(v).map((entry) => {
      const [model, upstream] = entry.split("=").map((s) => s.trim());
      return [model!, upstream || null];
    }),
  );
}

/** `-` reads the credential from stdin, so that it stays out of the shell's history. */
async function credentialOf(v: string | undefined): Promise<string | undefined> {
  if (v !== "-") return v;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const key = Buffer.concat(chunks).toString("utf8").trim();
  if (!key) throw new Failure("--credential -: nothing on stdin", 2);
  return key;
}

interface ChannelRow {
  id: string;
  name: string;
  vendor: string;
  priority: number;
  weight: number;
  base_url: string;
  credential_hint: string | null;
  health: { status: string; reopens_at: number | null; models: Array<{ model: string; state: string }> };
  last_hour: Record<string, number>;
  last_day: Record<string, number>;
}

/** The channels as a table an operator reads at a glance (`--json yes` for the API's JSON). */
function channelTable(channels: ChannelRow[]): string {
  const pair = (h: number | undefined, d: number | undefined) => `${h ?? 0}/${d ?? 0}`;
  const tokens = (u: Record<string, number>) => (u.input_tokens ?? 0) + (u.output_tokens ?? 0);
  const rows = [
    [
      "ID",
      "NAME",
      "VENDOR",
      "PRI",
      "W",
      "HEALTH",
      "REQ 1h/24h",
      "ERR 1h/24h",
      "FAILED 1h/24h",
      "TOKENS 1h/24h",
      "BASE URL",
      "KEY",
    ],
    ...channels.map((c) => [
      c.id,
      c.name,
      c.vendor,
      String(c.priority),
      String(c.weight),
      c.health.status +
        c.health.models
          .filter((m) => m.state !== "closed")
          .map((m) => ` ${m.model}:${m.state}`)
          .join(""),
      pair(c.last_hour.requests, c.last_day.requests),
      pair(c.last_hour.errors, c.last_day.errors),
      pair(c.last_hour.failed_attempts, c.last_day.failed_attempts),
      pair(tokens(c.last_hour), tokens(c.last_day)),
      c.base_url || "(mock)",
      c.credential_hint ?? "(none)",
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function run(argv: string[]): Promise<unknown> {
  // `channels <action>` is one command of two words.
  const words =
    argv[0] === "channels" && argv[1] && !argv[1].startsWith("-")
      ? [`channels ${argv[1]}`, ...argv.slice(2)]
      : argv;
  const { command, args, options } = parseAdminArgs(words, COMMANDS);
  const [a, b] = args;
  switch (command as keyof typeof COMMANDS) {
    case "help":
      console.log(USAGE);
      return undefined;
    case "create-account":
      if (!options.name) throw new UsageError("create-account: --name is required");
      return call("POST", "/accounts", { name: options.name, email: options.email, plan: options.plan });
    case "list-accounts":
      return call("GET", "/accounts");
    case "account":
      return call("GET", `/accounts/${encodeURIComponent(a!)}`);
    case "create-key":
      return call("POST", `/accounts/${encodeURIComponent(a!)}/keys`, {
        name: options.name,
        rpm: int(options.rpm, "rpm"),
        tpm: int(options.tpm, "tpm"),
        models: options.models === undefined ? undefined : list(options.models),
      });
    case "list-keys":
      return call("GET", `/accounts/${encodeURIComponent(a!)}/keys`);
    case "revoke-key":
      return call("POST", `/keys/${encodeURIComponent(a!)}/revoke`);
    case "set-key-limits":
      return call("PATCH", `/keys/${encodeURIComponent(a!)}`, {
        name: options.name,
        rpm: override(options.rpm, "rpm"),
        tpm: override(options.tpm, "tpm"),
        models:
          options.models === undefined ? undefined : options.models === "all" ? null : list(options.models),
        daily_limit_usd: options.daily === "none" ? null : options.daily,
        monthly_limit_usd: options.monthly === "none" ? null : options.monthly,
        expires_at: expiry(options.expires),
      });
    case "credit":
      if (!/^-?\d+(\.\d{1,9})?$/.test(b!))
        throw new UsageError(`credit: <usd> must be a decimal amount such as 25, -5 or 2.50, got "${b}"`);
      return call("POST", `/accounts/${encodeURIComponent(a!)}/credit`, {
        usd: b,
        idempotency_key: options["idempotency-key"],
        memo: options.memo,
      });
    case "ledger":
      return call("GET", `/accounts/${encodeURIComponent(a!)}/ledger`);
    case "channels list": {
      const { channels } = (await call("GET", "/channels")) as { channels: ChannelRow[] };
      if (options.json === "yes") return { channels };
      console.log(channelTable(channels));
      return undefined;
    }
    case "channels show":
      return call("GET", `/channels/${encodeURIComponent(a!)}`);
    case "channels add":
      for (const required of ["name", "vendor", "base-url", "credential"] as const)
        if (!options[required]) throw new UsageError(`channels add: --${required} is required`);
      return call("POST", "/channels", {
        name: options.name,
        vendor: options.vendor,
        base_url: options["base-url"],
        credential: await credentialOf(options.credential),
        models: modelMap(options.models) ?? undefined,
        priority: signed(options.priority, "priority"),
        weight: int(options.weight, "weight"),
        enabled: options.disabled === "yes" ? false : undefined,
      });
    case "channels edit":
      return call("PATCH", `/channels/${encodeURIComponent(a!)}`, {
        name: options.name,
        base_url: options["base-url"],
        credential: await credentialOf(options.credential),
        models: modelMap(options.models),
        priority: signed(options.priority, "priority"),
        weight: int(options.weight, "weight"),
      });
    case "channels disable":
      return call("POST", `/channels/${encodeURIComponent(a!)}/disable`);
    case "channels enable":
      return call("POST", `/channels/${encodeURIComponent(a!)}/enable`);
    case "channels delete":
      return call("DELETE", `/channels/${encodeURIComponent(a!)}`);
    case "channels reencrypt":
      return call("POST", "/channels/reencrypt");
    case "reconcile": {
      const report = (await call("GET", "/reconcile")) as { ok: boolean };
      if (!report.ok) {
        console.log(JSON.stringify(report, null, 2));
        throw new Failure("reconcile: mismatches found (above)", 1);
      }
      return report;
    }
  }
}

const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
  console.log(USAGE);
  process.exit(0);
}
try {
  const result = await run(argv);
  if (result !== undefined) console.log(JSON.stringify(result, null, 2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`pnpm admin: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (err instanceof Failure) {
    console.error(`pnpm admin: ${err.message}`);
    process.exit(err.code);
  }
  console.error(`pnpm admin: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
