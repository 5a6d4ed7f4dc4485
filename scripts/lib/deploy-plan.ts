/**
 * `pnpm run deploy`, as data: which settings go to which Worker (as a secret or a variable),
 * what must be present before anything is touched, and the commands in their order. Pure, so
 * the order and the checks are tested without a Cloudflare account (scripts/deploy.ts runs it).
 */

export type WorkerId = "gateway" | "payments";

export const WORKERS: Record<WorkerId, { name: string; config: string }> = {
  payments: { name: "cc-payments", config: "workers/payments/wrangler.toml" },
  gateway: { name: "cc-gateway", config: "wrangler.toml" },
};

/** The D1 database both Workers bind as DB, found by name. */
export const D1_NAME = "cc-gateway";

export interface Setting {
  worker: WorkerId;
  kind: "secret" | "var";
  /** Required: the Worker fails without it (wrangler.toml [secrets] required for the gateway's). */
  required?: boolean;
  help: string;
}

/** Every setting deploy.env may hold (deploy.env.example documents each). */
export const SETTINGS: Record<string, Setting> = {
  ADMIN_TOKEN: {
    worker: "gateway",
    kind: "secret",
    required: true,
    help: "guards /api/admin and `pnpm admin`",
  },
  ANTHROPIC_UPSTREAM_KEY: { worker: "gateway", kind: "secret", required: true, help: "Anthropic API key" },
  OPENAI_UPSTREAM_KEY: { worker: "gateway", kind: "secret", required: true, help: "OpenAI API key" },
  // Optional: Gemini models answer 502 until it is set (or a Gemini channel is stored).
  GEMINI_UPSTREAM_KEY: { worker: "gateway", kind: "secret", help: "Gemini API key (x-goog-api-key)" },
  // Optional: needed once a channel's credential is stored (README: Channels).
  CHANNEL_CREDENTIALS_KEY: {
    worker: "gateway",
    kind: "secret",
    help: "encrypts stored channel credentials (AES-GCM): `openssl rand -hex 32`",
  },
  CHANNEL_CREDENTIALS_KEY_PREVIOUS: {
    worker: "gateway",
    kind: "secret",
    help: "the key before a rotation, until `pnpm admin channels reencrypt` has run",
  },
  RESEND_API_KEY: {
    worker: "gateway",
    kind: "secret",
    help: "the mail provider's API key (Resend): verification and password-reset emails",
  },
  MAIL_FROM: {
    worker: "gateway",
    kind: "var",
    help: 'the sender, e.g. "cc-gateway <no-reply@gateway.example.com>", on a domain verified with Resend',
  },
  ACCESS_TEAM_DOMAIN: { worker: "gateway", kind: "var", help: "https://<team>.cloudflareaccess.com" },
  ACCESS_AUD: { worker: "gateway", kind: "var", help: "the Access application's audience tag" },
  PUBLIC_URL: {
    worker: "payments",
    kind: "var",
    help: "public origin of /payments/* (default https://CC_DOMAIN)",
  },
  NOWPAYMENTS_API_KEY: { worker: "payments", kind: "secret", help: "NOWPayments API key" },
  NOWPAYMENTS_IPN_SECRET: { worker: "payments", kind: "secret", help: "NOWPayments IPN secret" },
  BTCPAY_URL: { worker: "payments", kind: "var", help: "your BTCPay Server" },
  BTCPAY_STORE_ID: { worker: "payments", kind: "var", help: "BTCPay store id" },
  BTCPAY_API_KEY: { worker: "payments", kind: "secret", help: "BTCPay Greenfield API key" },
  BTCPAY_WEBHOOK_SECRET: { worker: "payments", kind: "secret", help: "BTCPay store webhook secret" },
  OXAPAY_MERCHANT_KEY: { worker: "payments", kind: "secret", help: "OxaPay merchant API key" },
  OXAPAY_SANDBOX: { worker: "payments", kind: "var", help: '"true" for sandbox invoices' },
};

/** Settings of the deploy itself, not of a Worker. */
export const DEPLOY_SETTINGS = {
  CC_DOMAIN: "custom domain for the gateway, e.g. gateway.example.com (empty: workers.dev only)",
} as const;

/** A processor is enabled by all of its settings; some of them only is a mistake. */
export const PROCESSORS: Record<string, string[]> = {
  nowpayments: ["NOWPAYMENTS_API_KEY", "NOWPAYMENTS_IPN_SECRET"],
  btcpay: ["BTCPAY_URL", "BTCPAY_STORE_ID", "BTCPAY_API_KEY", "BTCPAY_WEBHOOK_SECRET"],
  oxapay: ["OXAPAY_MERCHANT_KEY"],
};

/** The development values in dev.env: never production secrets. */
const DEV_VALUES = new Set([
  "dev-admin-token",
  "mock-upstream-key",
  "dev-channel-credentials-key-not-for-production",
]);

/** KEY=VALUE lines (dotenv's common subset: comments, blank lines, optional quotes). */
export function parseDeployEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`deploy.env line ${i + 1}: expected KEY=value`);
    let value = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    out[m[1]!] = value;
  });
  return out;
}

export interface Problems {
  /** Stop: nothing is deployed. */
  errors: string[];
  /** Go on, but say so. */
  warnings: string[];
}

/**
 * Everything wrong before the first command runs. `existingSecrets` lists, per Worker, the
 * secrets Cloudflare already holds (none on a fresh account).
 */
export function checkDeployEnv(
  env: Record<string, string>,
  existingSecrets: Record<WorkerId, string[]>,
): Problems {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(env)) {
    if (!(key in SETTINGS) && !(key in DEPLOY_SETTINGS))
      errors.push(`${key}: not a setting pnpm run deploy knows (see deploy.env.example)`);
  }
  for (const [key, s] of Object.entries(SETTINGS)) {
    if (s.required && !env[key] && !existingSecrets[s.worker].includes(key))
      errors.push(`${key}: required (${s.help}); put it in deploy.env`);
  }
  const admin = env.ADMIN_TOKEN;
  if (admin && (admin.length < 32 || DEV_VALUES.has(admin)))
    errors.push(
      "ADMIN_TOKEN: use at least 32 random characters (e.g. `openssl rand -hex 32`), never dev.env's",
    );
  for (const key of ["ANTHROPIC_UPSTREAM_KEY", "OPENAI_UPSTREAM_KEY", "GEMINI_UPSTREAM_KEY"])
    if (env[key] && DEV_VALUES.has(env[key]!))
      errors.push(`${key}: this is the mock upstream's development key`);
  for (const key of ["CHANNEL_CREDENTIALS_KEY", "CHANNEL_CREDENTIALS_KEY_PREVIOUS"]) {
    const value = env[key];
    if (value && (value.length < 32 || DEV_VALUES.has(value)))
      errors.push(
        `${key}: use at least 32 random characters (e.g. \`openssl rand -hex 32\`), never dev.env's`,
      );
  }
  if (
    env.CC_DOMAIN &&
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(env.CC_DOMAIN)
  )
    errors.push(`CC_DOMAIN: "${env.CC_DOMAIN}" is not a host name (no scheme, no path)`);
  if (env.PUBLIC_URL && !/^https:\/\/[^/]+$/.test(env.PUBLIC_URL))
    errors.push("PUBLIC_URL: an https origin without a path, e.g. https://gateway.example.com");
  if (env.ACCESS_TEAM_DOMAIN && !/^https:\/\/[a-z0-9-]+\.cloudflareaccess\.com$/.test(env.ACCESS_TEAM_DOMAIN))
    errors.push("ACCESS_TEAM_DOMAIN: https://<team>.cloudflareaccess.com");
  if (!env.ACCESS_TEAM_DOMAIN || !env.ACCESS_AUD)
    warnings.push(
      "ACCESS_TEAM_DOMAIN / ACCESS_AUD empty: the operator console at /admin will refuse everyone",
    );
  const mail = ["RESEND_API_KEY", "MAIL_FROM"].filter((k) => env[k] || existingSecrets.gateway.includes(k));
  if (mail.length === 1)
    errors.push(
      `mail: set both RESEND_API_KEY and MAIL_FROM, or neither (missing ${mail[0] === "MAIL_FROM" ? "RESEND_API_KEY" : "MAIL_FROM"})`,
    );
  else if (mail.length === 0)
    warnings.push(
      "RESEND_API_KEY / MAIL_FROM empty: no account email is sent, so sign-ups cannot confirm their address (no keys, no top-ups) and passwords cannot be reset",
    );
  const enabled: string[] = [];
  for (const [processor, keys] of Object.entries(PROCESSORS)) {
    const set = keys.filter((k) => env[k] || existingSecrets.payments.includes(k));
    if (set.length === keys.length) enabled.push(processor);
    else if (set.length > 0)
      errors.push(
        `${processor}: set all of ${keys.join(", ")} or none (missing ${keys.filter((k) => !set.includes(k)).join(", ")})`,
      );
  }
  if (enabled.length === 0) warnings.push("no payment processor configured: customers cannot top up");
  if (!env.CC_DOMAIN) warnings.push("CC_DOMAIN empty: the gateway will answer on its workers.dev URL only");
  return { errors, warnings };
}

/** The settings of one Worker, split into its secrets file and its --var flags. */
export function settingsFor(worker: WorkerId, env: Record<string, string>) {
  const secrets: Record<string, string> = {};
  const vars: Record<string, string> = {};
  for (const [key, s] of Object.entries(SETTINGS)) {
    const value = env[key];
    if (s.worker !== worker || value === undefined || value === "") continue;
    (s.kind === "secret" ? secrets : vars)[key] = value;
  }
  if (worker === "payments" && !vars.PUBLIC_URL && env.CC_DOMAIN)
    vars.PUBLIC_URL = `https://${env.CC_DOMAIN}`;
  return { secrets, vars };
}

export interface Step {
  title: string;
  argv: string[];
  /** The secrets to hand this step as a --secrets-file, written by the runner. */
  secrets?: Record<string, string>;
}

/**
 * The deploy, in order: migrate the database, then payments (it binds no other Worker), then the
 * gateway (which binds payments). `--env=""` names the top level (production) explicitly.
 */
export function deploySteps(env: Record<string, string>, opts: { dryRun: boolean }): Step[] {
  const steps: Step[] = [];
  if (!opts.dryRun)
    steps.push({
      title: `apply D1 migrations to ${D1_NAME} (remote)`,
      argv: ["d1", "migrations", "apply", D1_NAME, "--remote", "-c", WORKERS.gateway.config, "--env="],
    });
  for (const worker of ["payments", "gateway"] as const) {
    const { secrets, vars } = settingsFor(worker, env);
    const argv = ["deploy", "-c", WORKERS[worker].config, "--env="];
    for (const [k, v] of Object.entries(vars)) argv.push("--var", `${k}:${v}`);
    if (worker === "gateway" && env.CC_DOMAIN) argv.push("--domain", env.CC_DOMAIN);
    if (opts.dryRun) argv.push("--dry-run", "--outdir", `.wrangler/deploy-dry-run/${worker}`);
    steps.push({
      title: `${opts.dryRun ? "build (dry run)" : "deploy"} ${WORKERS[worker].name}`,
      argv,
      ...(Object.keys(secrets).length ? { secrets } : {}),
    });
  }
  return steps;
}
