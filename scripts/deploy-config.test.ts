import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { REQUIRED_SECRETS } from "../workers/gateway/src/config/required-secrets.ts";
import { CRONS } from "../workers/gateway/src/maintenance/crons.ts";
import { D1_DATABASE_ID } from "./lib/bundle-workers.ts";
import {
  checkDeployEnv,
  D1_NAME,
  deploySteps,
  parseDeployEnv,
  SETTINGS,
  settingsFor,
  WORKERS,
} from "./lib/deploy-plan.ts";
import { DEV_ENV, root } from "./lib/stack.ts";

// The Workers' wrangler configs, read as wrangler reads them: the top level is production and
// cannot ship development settings; development is its own environment; no binding cycle.

const CONFIGS = {
  gateway: "wrangler.toml",
  payments: "workers/payments/wrangler.toml",
  mock: "workers/mock-upstream/wrangler.toml",
};
const read = (config: string, env: string) => unstable_readConfig({ config: path.join(root, config), env });
interface Service {
  binding: string;
  service: string;
}
const prod = (w: keyof typeof CONFIGS) => read(CONFIGS[w], "");
const dev = (w: keyof typeof CONFIGS) => read(CONFIGS[w], DEV_ENV);

describe("the wrangler configs", () => {
  it("deploy production from the top level, without a trace of development", () => {
    const gateway = prod("gateway");
    const payments = prod("payments");
    expect([gateway.name, payments.name]).toEqual(["cc-gateway", "cc-payments"]);
    expect(gateway.vars.ENVIRONMENT).toBe("production");
    expect(payments.vars.ENVIRONMENT).toBe("production");
    expect(gateway.vars.ANTHROPIC_UPSTREAM_URL).toBe("https://api.anthropic.com");
    expect(gateway.vars.OPENAI_UPSTREAM_URL).toBe("https://api.openai.com");
    expect(gateway.services.map((s: Service) => s.binding)).toEqual(["PAYMENTS"]);
    expect(gateway.vars).not.toHaveProperty("CHANNEL_CREDENTIALS_KEY");
    expect(payments.vars).not.toHaveProperty("DEV_PROCESSOR");
    expect(payments.vars).not.toHaveProperty("DEV_PROCESSOR_SECRET");
    expect(payments.durable_objects.bindings).toEqual([]);
    expect(payments.workers_dev).toBe(false);
  });

  it("keep development in its own environment, under names production never uses", () => {
    for (const w of ["gateway", "payments"] as const) {
      expect(dev(w).vars.ENVIRONMENT).toBe("development");
      expect(dev(w).name).not.toBe(prod(w).name);
    }
    expect(dev("payments").vars.DEV_PROCESSOR).toBe("true");
    expect(dev("gateway").services.map((s: Service) => [s.binding, s.service])).toEqual([
      ["MOCK_UPSTREAM", dev("mock").name],
      ["PAYMENTS", dev("payments").name],
    ]);
  });

  it("have no service-binding cycle, and the deploy goes in dependency order", () => {
    const names: Record<string, string> = {
      [prod("gateway").name!]: "gateway",
      [prod("payments").name!]: "payments",
    };
    const bindsTo = (w: "gateway" | "payments") => prod(w).services.map((s: Service) => names[s.service]);
    expect(bindsTo("payments")).toEqual([]);
    expect(bindsTo("gateway")).toEqual(["payments"]);
    const order = deploySteps({}, { dryRun: true }).map((s) => s.argv[s.argv.indexOf("-c") + 1]);
    expect(order).toEqual([WORKERS.payments.config, WORKERS.gateway.config]);
  });

  it("declare the gateway's required secrets, the same ones everywhere", () => {
    expect(prod("gateway").secrets?.required).toEqual([...REQUIRED_SECRETS]);
    expect(dev("gateway").secrets?.required).toEqual([...REQUIRED_SECRETS]);
    const required = Object.entries(SETTINGS)
      .filter(([, s]) => s.required)
      .map(([k]) => k);
    expect(required).toEqual([...REQUIRED_SECRETS]);
  });

  it("turn observability on for every Worker, bind the metrics dataset and schedule the crons the code knows", () => {
    for (const w of ["gateway", "payments", "mock"] as const) {
      expect(prod(w).observability).toMatchObject({ enabled: true });
      expect(dev(w).observability).toMatchObject({ enabled: true });
    }
    expect(prod("gateway").analytics_engine_datasets).toEqual([
      { binding: "REQUEST_METRICS", dataset: "cc_gateway_requests" },
    ]);
    expect(prod("gateway").triggers.crons).toEqual(Object.values(CRONS));
    expect(prod("payments").triggers.crons ?? []).toEqual([]);
  });

  it("share one D1 database, found by name in production, the fixed local id in development", () => {
    for (const w of ["gateway", "payments"] as const) {
      expect(prod(w).d1_databases).toEqual([
        expect.objectContaining({ binding: "DB", database_name: D1_NAME }),
      ]);
      expect(prod(w).d1_databases[0]!.database_id).toBeUndefined();
      expect(dev(w).d1_databases[0]!.database_id).toBe(D1_DATABASE_ID);
    }
  });
});

describe("pnpm run deploy's plan", () => {
  const strong = `${"a".repeat(16)}0123456789abcdef0123`;
  const complete = {
    CC_DOMAIN: "gateway.example.com",
    ADMIN_TOKEN: strong,
    ANTHROPIC_UPSTREAM_KEY: "sk-ant-api03-x",
    OPENAI_UPSTREAM_KEY: "sk-proj-x",
    ACCESS_TEAM_DOMAIN: "https://ops.cloudflareaccess.com",
    ACCESS_AUD: "aud-tag",
    OXAPAY_MERCHANT_KEY: "merchant",
    RESEND_API_KEY: "re_123",
    MAIL_FROM: "cc-gateway <no-reply@gateway.example.com>",
  };
  const none = { gateway: [], payments: [] };

  it("reads deploy.env", () => {
    expect(parseDeployEnv('# c\n\nADMIN_TOKEN="abc=def"\nexport CC_DOMAIN=gw.example.com\nEMPTY=\n')).toEqual(
      {
        ADMIN_TOKEN: "abc=def",
        CC_DOMAIN: "gw.example.com",
        EMPTY: "",
      },
    );
    expect(() => parseDeployEnv("not a line")).toThrow("deploy.env line 1: expected KEY=value");
  });

  it("stops a first deploy that lacks a required secret; later deploys may leave them out", () => {
    const { ADMIN_TOKEN: _, ...rest } = complete;
    expect(checkDeployEnv(rest, none).errors).toEqual([
      "ADMIN_TOKEN: required (guards /api/admin and `pnpm admin`); put it in deploy.env",
    ]);
    expect(checkDeployEnv(rest, { gateway: ["ADMIN_TOKEN"], payments: [] }).errors).toEqual([]);
  });

  it("refuses development values, weak tokens, half a processor and unknown settings", () => {
    const errors = checkDeployEnv(
      {
        ...complete,
        ADMIN_TOKEN: "dev-admin-token",
        OPENAI_UPSTREAM_KEY: "mock-upstream-key",
        BTCPAY_URL: "https://btcpay.example.com",
        CC_DOMAIN: "https://gateway.example.com/",
        DEV_PROCESSOR: "true",
      },
      none,
    ).errors;
    expect(errors).toEqual([
      "DEV_PROCESSOR: not a setting pnpm run deploy knows (see deploy.env.example)",
      "ADMIN_TOKEN: use at least 32 random characters (e.g. `openssl rand -hex 32`), never dev.env's",
      "OPENAI_UPSTREAM_KEY: this is the mock upstream's development key",
      'CC_DOMAIN: "https://gateway.example.com/" is not a host name (no scheme, no path)',
      "btcpay: set all of BTCPAY_URL, BTCPAY_STORE_ID, BTCPAY_API_KEY, BTCPAY_WEBHOOK_SECRET or none (missing BTCPAY_STORE_ID, BTCPAY_API_KEY, BTCPAY_WEBHOOK_SECRET)",
    ]);
  });

  it("takes the channel credentials key as an optional secret, never dev.env's or a short one", () => {
    expect(checkDeployEnv(complete, none).errors).toEqual([]);
    const key = "0123456789abcdef0123456789abcdef";
    expect(settingsFor("gateway", { ...complete, CHANNEL_CREDENTIALS_KEY: key }).secrets).toMatchObject({
      CHANNEL_CREDENTIALS_KEY: key,
    });
    for (const bad of ["short", "dev-channel-credentials-key-not-for-production"])
      expect(checkDeployEnv({ ...complete, CHANNEL_CREDENTIALS_KEY: bad }, none).errors).toEqual([
        "CHANNEL_CREDENTIALS_KEY: use at least 32 random characters (e.g. `openssl rand -hex 32`), never dev.env's",
      ]);
  });

  it("takes the mailer's two settings together, or neither", () => {
    const { RESEND_API_KEY: _key, ...noKey } = complete;
    expect(checkDeployEnv(noKey, none).errors).toEqual([
      "mail: set both RESEND_API_KEY and MAIL_FROM, or neither (missing RESEND_API_KEY)",
    ]);
    // A key Cloudflare already holds counts.
    expect(checkDeployEnv(noKey, { gateway: ["RESEND_API_KEY"], payments: [] }).errors).toEqual([]);
  });

  it("warns about what would leave a feature off", () => {
    expect(checkDeployEnv(complete, none)).toEqual({ errors: [], warnings: [] });
    expect(
      checkDeployEnv({ ADMIN_TOKEN: strong, ANTHROPIC_UPSTREAM_KEY: "a", OPENAI_UPSTREAM_KEY: "b" }, none)
        .warnings,
    ).toEqual([
      "ACCESS_TEAM_DOMAIN / ACCESS_AUD empty: the operator console at /admin will refuse everyone",
      "RESEND_API_KEY / MAIL_FROM empty: no account email is sent, so sign-ups cannot confirm their address (no keys, no top-ups) and passwords cannot be reset",
      "no payment processor configured: customers cannot top up",
      "CC_DOMAIN empty: the gateway will answer on its workers.dev URL only",
    ]);
  });

  it("sends each setting to its Worker, secrets in a file and never on the command line", () => {
    expect(settingsFor("gateway", complete)).toEqual({
      secrets: {
        ADMIN_TOKEN: strong,
        ANTHROPIC_UPSTREAM_KEY: "sk-ant-api03-x",
        OPENAI_UPSTREAM_KEY: "sk-proj-x",
        RESEND_API_KEY: "re_123",
      },
      vars: {
        MAIL_FROM: "cc-gateway <no-reply@gateway.example.com>",
        ACCESS_TEAM_DOMAIN: "https://ops.cloudflareaccess.com",
        ACCESS_AUD: "aud-tag",
      },
    });
    expect(settingsFor("payments", complete)).toEqual({
      secrets: { OXAPAY_MERCHANT_KEY: "merchant" },
      vars: { PUBLIC_URL: "https://gateway.example.com" },
    });
    const steps = deploySteps(complete, { dryRun: false });
    expect(steps.map((s) => s.title)).toEqual([
      "apply D1 migrations to cc-gateway (remote)",
      "deploy cc-payments",
      "deploy cc-gateway",
    ]);
    expect(steps[0]!.argv).toEqual([
      "d1",
      "migrations",
      "apply",
      "cc-gateway",
      "--remote",
      "-c",
      "wrangler.toml",
      "--env=",
    ]);
    expect(steps[2]!.argv).toEqual([
      "deploy",
      "-c",
      "wrangler.toml",
      "--env=",
      "--var",
      "MAIL_FROM:cc-gateway <no-reply@gateway.example.com>",
      "--var",
      "ACCESS_TEAM_DOMAIN:https://ops.cloudflareaccess.com",
      "--var",
      "ACCESS_AUD:aud-tag",
      "--domain",
      "gateway.example.com",
    ]);
    expect(steps[2]!.secrets).toEqual(settingsFor("gateway", complete).secrets);
    expect(JSON.stringify(steps.map((s) => s.argv))).not.toContain(strong);
  });
});
