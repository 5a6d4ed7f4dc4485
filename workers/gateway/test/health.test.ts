import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../src/index.ts";
import { basicMessage } from "./helpers.ts";

async function get(path: string, overrides: Partial<Env>, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://gateway.test${path}`, init),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

interface Health {
  ok: boolean;
  environment: string;
  missing: string[];
  invalid: Array<{ name: string; reason: string }>;
  warnings: string[];
  payments: { processors?: string[]; error?: string };
}

afterEach(() => vi.restoreAllMocks());

describe("/health", () => {
  it("answers 200 when every setting is there, with the payments Worker's processors", async () => {
    const res = await exports.default.fetch("https://gateway.test/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      environment: "development",
      missing: [],
      invalid: [],
      warnings: [],
      payments: { processors: ["dev"] },
    });
  });

  it("answers 503 naming the missing secrets, never a value of the others", async () => {
    const res = await get("/health", { ADMIN_TOKEN: "", OPENAI_UPSTREAM_KEY: "" });
    expect(res.status).toBe(503);
    const body = (await res.json()) as Health;
    expect(body).toMatchObject({ ok: false, missing: ["ADMIN_TOKEN", "OPENAI_UPSTREAM_KEY"] });
    const text = JSON.stringify(body);
    expect(text).not.toContain(env.ANTHROPIC_UPSTREAM_KEY);
    expect(text).not.toContain(env.ADMIN_TOKEN);
  });

  it("in production: upstream URLs are required (no mock there), and a missing Access setup is a warning", async () => {
    const res = await get("/health", {
      ENVIRONMENT: "production",
      MOCK_UPSTREAM: undefined,
      ANTHROPIC_UPSTREAM_URL: "",
      OPENAI_UPSTREAM_URL: "https://api.openai.com",
    });
    const body = (await res.json()) as Health;
    expect(res.status).toBe(503);
    // Production sends account emails through its provider: without one, sign-ups stay unverified.
    expect(body.missing).toEqual(["ANTHROPIC_UPSTREAM_URL", "RESEND_API_KEY", "MAIL_FROM"]);
    expect(body.warnings).toEqual([expect.stringMatching(/^ACCESS_TEAM_DOMAIN \/ ACCESS_AUD not set/)]);
  });

  it("in production: a configured mailer completes the settings", async () => {
    const res = await get("/health", {
      ENVIRONMENT: "production",
      MOCK_UPSTREAM: undefined,
      ANTHROPIC_UPSTREAM_URL: "https://api.anthropic.com",
      OPENAI_UPSTREAM_URL: "https://api.openai.com",
      RESEND_API_KEY: "re_test_key",
      MAIL_FROM: "cc-gateway <no-reply@example.com>",
    });
    const body = (await res.json()) as Health;
    expect(body.missing).toEqual([]);
    expect(JSON.stringify(body)).not.toContain("re_test_key");
  });

  it("reports settings it cannot use", async () => {
    const res = await get("/health", {
      USAGE_LOG_RETENTION_DAYS: "ninety",
      PRICE_TABLE_JSON: "{nope",
      CHANNEL_CREDENTIALS_KEY: "too-short",
    });
    expect(res.status).toBe(503);
    const body = (await res.json()) as Health;
    expect(body.invalid.map((i) => i.name)).toEqual([
      "USAGE_LOG_RETENTION_DAYS",
      "CHANNEL_CREDENTIALS_KEY",
      "PRICE_TABLE_JSON",
    ]);
    expect(JSON.stringify(body)).not.toContain("too-short");
  });

  it("logs an incomplete configuration once per isolate, as an error line", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { ...env, ANTHROPIC_UPSTREAM_KEY: "" };
    for (let i = 0; i < 3; i++) {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request("https://gateway.test/api/proxy/v1/messages", {
          method: "POST",
          headers: { "x-api-key": "sk-cc-unknown", "content-type": "application/json" },
          body: JSON.stringify(basicMessage()),
        }),
        broken,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      await res.arrayBuffer();
    }
    const lines = errors.mock.calls
      .map((args) => String(args[0]))
      .filter((l) => l.includes("configuration incomplete"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: "error",
      msg: "configuration incomplete",
      missing: ["ANTHROPIC_UPSTREAM_KEY"],
      invalid: [],
    });
  });
});
