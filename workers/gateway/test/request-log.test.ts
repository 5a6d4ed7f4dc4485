import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { accountStub } from "../src/account/client.ts";
import { type RequestFacts, recordRequest } from "../src/observability/request-log.ts";
import { callMessages, newAccountWithKey, usageRow } from "./helpers.ts";

const facts: RequestFacts = {
  requestId: "req_0123456789ABCDEFGHIJKL",
  accountId: "acct_abc",
  keyId: "key_def",
  model: "claude-sonnet-4-6",
  format: "openai-chat",
  vendor: "anthropic",
  channel: "ch_primary",
  attempts: 2,
  stream: true,
  status: 200,
  upstreamStatus: 200,
  outcome: "ok",
  ttfbMs: 412,
  latencyMs: 2_950,
  tokens: { input: 1_200, cacheWrite5m: 300, cacheWrite1h: 0, cacheRead: 5_000, output: 640, thinking: 128 },
  costNano: 7_530_000,
};

/** The dataset's one method, recording what it is given (the local binding keeps nothing to read). */
class RecordingDataset implements AnalyticsEngineDataset {
  points: AnalyticsEngineDataPoint[] = [];
  writeDataPoint(point?: AnalyticsEngineDataPoint): void {
    if (point) this.points.push(point);
  }
}

const captured = (level: "info" | "warn" | "error") => vi.spyOn(console, level).mockImplementation(() => {});

afterEach(() => vi.restoreAllMocks());

describe("recordRequest", () => {
  it("writes one JSON line with every fact, in usage_log's names", () => {
    const info = captured("info");
    recordRequest(facts);
    expect(info).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(info.mock.calls[0]![0]))).toEqual({
      level: "info",
      msg: "request",
      request_id: "req_0123456789ABCDEFGHIJKL",
      account_id: "acct_abc",
      key_id: "key_def",
      model: "claude-sonnet-4-6",
      format: "openai-chat",
      vendor: "anthropic",
      channel: "ch_primary",
      attempts: 2,
      stream: true,
      status: 200,
      upstream_status: 200,
      outcome: "ok",
      ttfb_ms: 412,
      latency_ms: 2_950,
      tokens: {
        input: 1_200,
        cache_write_5m: 300,
        cache_write_1h: 0,
        cache_read: 5_000,
        output: 640,
        thinking: 128,
      },
      cost_nano: 7_530_000,
    });
  });

  it("writes one data point in the documented positions", () => {
    captured("info");
    const dataset = new RecordingDataset();
    recordRequest(facts, dataset);
    expect(dataset.points).toEqual([
      {
        indexes: ["acct_abc"],
        blobs: [
          "openai-chat",
          "anthropic",
          "claude-sonnet-4-6",
          "ok",
          "acct_abc",
          "key_def",
          facts.requestId,
          "ch_primary",
        ],
        doubles: [200, 200, 412, 2_950, 1_200, 300, 0, 5_000, 640, 128, 7_530_000, 1, 2],
      },
    ]);
  });

  it("logs nothing it was not meant to, even when handed more", () => {
    const info = captured("info");
    const dataset = new RecordingDataset();
    const withSecrets = {
      ...facts,
      apiKey: "sk-cc-SECRETSECRETSECRET",
      upstreamKey: "sk-ant-SECRET",
      prompt: "my private prompt",
      answer: "the model's private answer",
    };
    recordRequest(withSecrets, dataset);
    const written = String(info.mock.calls[0]![0]) + JSON.stringify(dataset.points);
    for (const secret of ["SECRET", "private"]) expect(written).not.toContain(secret);
  });

  it("a refused request: unknown account and no upstream, -1 for what did not happen, a warn line at 5xx", () => {
    const warn = captured("warn");
    const dataset = new RecordingDataset();
    recordRequest(
      {
        ...facts,
        accountId: null,
        keyId: null,
        vendor: null,
        channel: null,
        attempts: 0,
        status: 502,
        upstreamStatus: null,
        outcome: "upstream_error",
        ttfbMs: null,
        costNano: 0,
      },
      dataset,
    );
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({ level: "warn", account_id: null });
    expect(dataset.points[0]).toMatchObject({
      indexes: ["-"],
      blobs: ["openai-chat", "-", "claude-sonnet-4-6", "upstream_error", "-", "-", facts.requestId, "-"],
    });
    expect(dataset.points[0]!.doubles!.slice(0, 3)).toEqual([502, -1, -1]);
    expect(dataset.points[0]!.doubles![12]).toBe(0);
  });

  it("never throws: a failing dataset is logged, and the real local binding accepts the point", () => {
    captured("info");
    const error = captured("error");
    const broken: AnalyticsEngineDataset = {
      writeDataPoint: () => {
        throw new Error("AE unavailable");
      },
    };
    expect(() => recordRequest(facts, broken)).not.toThrow();
    expect(String(error.mock.calls[0]![0])).toContain("metrics write failed");
    expect(() => recordRequest(facts, env.REQUEST_METRICS)).not.toThrow();
  });
});

describe("D1 round trips of the request path", () => {
  it("a fresh key's first request looks the key up once; the account's flush sends one batch of at most four statements", async () => {
    const caller = await newAccountWithKey();
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const d1Lines = () =>
      debug.mock.calls
        .map((call) => JSON.parse(String(call[0])) as { msg: string; site: string; statements: number })
        .filter((line) => line.msg === "d1");
    for (let i = 0; i < 3; i++) {
      const res = await callMessages({ key: caller.key });
      expect(res.status).toBe(200);
      await usageRow(res.headers.get("request-id"));
    }
    await accountStub(env, caller.accountId).flush();
    const lines = d1Lines();
    // Three requests, one lookup: the isolate keeps the key, and the object its account.
    expect(lines.filter((l) => l.site === "key lookup")).toHaveLength(1);
    const flushes = lines.filter((l) => l.site === "outbox flush");
    expect(flushes.length).toBeGreaterThanOrEqual(1);
    expect(flushes.every((l) => l.statements >= 1 && l.statements <= 4)).toBe(true);
    expect(
      lines.every((l) =>
        ["key lookup", "account load", "key load", "outbox flush", "channels read"].includes(l.site),
      ),
    ).toBe(true);
  });
});
