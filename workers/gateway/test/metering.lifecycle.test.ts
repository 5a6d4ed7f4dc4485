/**
 * The lifecycle of issue "One metering pipeline": a failure injected at every step of the
 * pipeline, for every caller format × vendor. Whatever the exit, an admitted request has exactly
 * one usage entry (settled, or released at no cost), no reservation is left open, and the ledger
 * sums to the balance; a request refused before admission leaves no trace and reaches no upstream.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mockRequests, newAccountWithKey, type TestKey } from "./helpers.ts";
import {
  accountStub,
  callProxy,
  costOf,
  estimateOf,
  expectBooksBalance,
  FORMATS,
  type Format,
  marker,
  readSse,
  requestBody,
  seenUpstream,
  usageRow,
  usageRows,
  VENDORS,
  type Vendor,
} from "./metering.helpers.ts";

const CASES = FORMATS.flatMap((format) =>
  (Object.keys(VENDORS) as Vendor[]).map((vendor) => [format, vendor] as [Format, Vendor]),
);

/** Something each format can ask for that no price table bills: refused before admission. */
const UNPRICED: Record<Format, Record<string, unknown>> = {
  messages: { inference_geo: "eu" },
  chat: { audio: { voice: "alloy", format: "wav" }, modalities: ["text", "audio"] },
  responses: { background: true },
  gemini: { cachedContent: "cachedContents/abc" },
};

describe.each(CASES)("%s in, %s upstream", (format, vendor) => {
  const model = VENDORS[vendor];
  const urlVar =
    vendor === "claude"
      ? "ANTHROPIC_UPSTREAM_URL"
      : vendor === "gemini"
        ? "GEMINI_UPSTREAM_URL"
        : "OPENAI_UPSTREAM_URL";

  /** Every admitted request of the account has one usage row; the books balance. */
  async function expectOneEntryEach(caller: TestKey, requestIds: string[]) {
    const books = await expectBooksBalance(caller.accountId);
    const rows = await usageRows(caller.accountId);
    expect(rows.map((r) => r.id).sort()).toEqual([...requestIds].sort());
    return books;
  }

  it("before admission: a bad key, a bad body, an unknown model, an unpriced extra leave no trace", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const mark = marker();
    const good = requestBody(format, model, `hello ${mark}`);
    const attempts: Array<[number, Response]> = [
      [401, await callProxy(format, "sk-cc-not-a-real-key-000000000000000000000000", good)],
      [400, await callProxy(format, caller.key, { ...good, model: 5 })],
      [400, await callProxy(format, caller.key, "{not json")],
      [400, await callProxy(format, caller.key, { ...good, model: "no-such-model" })],
      [400, await callProxy(format, caller.key, { ...good, ...UNPRICED[format] })],
    ];
    for (const [status, res] of attempts) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { type?: string; error: { type: string; message: string } };
      expect(body.error.message).not.toBe("");
      if (format === "messages") expect(body.type).toBe("error");
    }
    expect((await mockRequests()).some((r) => JSON.stringify(r.body).includes(mark))).toBe(false);
    const state = await accountStub(caller.accountId).state(caller.accountId);
    expect(state).toMatchObject({ balanceNano: 1_000_000_000, reservedNano: 0 });
    expect(await usageRows(caller.accountId)).toEqual([]);
  });

  it("refused at admission (402): nothing reserved, nothing logged", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const res = await callProxy(format, caller.key, requestBody(format, model, "hi"));
    expect(res.status).toBe(402);
    expect(await usageRows(caller.accountId)).toEqual([]);
    expect((await accountStub(caller.accountId).state(caller.accountId))?.reservedNano).toBe(0);
  });

  it("after admission, before the upstream call (a throw): released, 500", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const res = await callProxy(format, caller.key, requestBody(format, model, "hi"), {
      envOverride: { [urlVar]: "http://[not-a-host" },
    });
    expect(res.status).toBe(500);
    const id = res.headers.get("request-id")!;
    expect(await usageRow(id)).toMatchObject({ outcome: "gateway_error", cost_nano: 0 });
    const books = await expectOneEntryEach(caller, [id]);
    expect(books.balanceNano).toBe(1_000_000_000);
  });

  it("during the upstream call: unreachable, an error answer, no answer in time — released", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const ids: string[] = [];
    const unreachable = await callProxy(format, caller.key, requestBody(format, model, "hi"), {
      envOverride: { [urlVar]: "http://127.0.0.1:9" },
    });
    expect(unreachable.status).toBe(502);
    ids.push(unreachable.headers.get("request-id")!);
    const failed = await callProxy(format, caller.key, requestBody(format, model, "hi"), {
      scenario: "error; status=500",
    });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    ids.push(failed.headers.get("request-id")!);
    const late = await callProxy(format, caller.key, requestBody(format, model, "hi"), {
      scenario: "slow; delay=2000",
      envOverride: { UPSTREAM_TIMEOUT_MS: "100" },
    });
    expect(late.status).toBe(504);
    ids.push(late.headers.get("request-id")!);
    for (const id of ids)
      expect(await usageRow(id)).toMatchObject({ outcome: "upstream_error", cost_nano: 0 });
    const books = await expectOneEntryEach(caller, ids);
    expect(books.balanceNano).toBe(1_000_000_000);
  });

  it.each(["cut", "reset", "garbled"])(
    "mid-body (%s 200 JSON): 502, the input estimate billed once",
    async (scenario) => {
      const caller = await newAccountWithKey({ usd: "1" });
      const mark = marker();
      const res = await callProxy(format, caller.key, requestBody(format, model, `hi ${mark}`), { scenario });
      expect(res.status).toBe(502);
      const seen = await seenUpstream(mark);
      const expected = costOf(model, { input: estimateOf(seen.body) });
      const id = res.headers.get("request-id")!;
      expect(await usageRow(id)).toMatchObject({ outcome: "bad_upstream_body", cost_nano: expected });
      const books = await expectOneEntryEach(caller, [id]);
      expect(books.charged).toBe(expected);
    },
  );

  it("mid-stream (an error frame) and after the last event (a hang-up once all is read): one entry each", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const broken = await callProxy(format, caller.key, requestBody(format, model, "hi", { stream: true }), {
      scenario: "stream-error",
    });
    await readSse(format, broken);
    const whole = await callProxy(format, caller.key, requestBody(format, model, "hi", { stream: true }));
    const read = await readSse(format, whole);
    // The client reads everything and then lets go: nothing is left to bill twice.
    await whole.body?.cancel().catch(() => undefined);
    expect(read.text).toContain("Hello from mock");
    const ids = [broken.headers.get("request-id")!, whole.headers.get("request-id")!];
    expect(await usageRow(ids[0]!)).toMatchObject({ outcome: "stream_error" });
    expect(await usageRow(ids[1]!)).toMatchObject({ outcome: "ok" });
    await expectOneEntryEach(caller, ids);
  });
});

describe("a translated stream that ends normally", () => {
  it("is logged ok and billed the reported usage, every time (no race with the relay)", async () => {
    const caller = await newAccountWithKey({ usd: "5" });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await callProxy(
        "chat",
        caller.key,
        requestBody("chat", VENDORS.claude, `hi ${i}`, { stream: true }),
      );
      await readSse("chat", res);
      ids.push(res.headers.get("request-id")!);
    }
    for (const id of ids) expect((await usageRow(id)).outcome).toBe("ok");
    await expectBooksBalance(caller.accountId);
    expect(env.ENVIRONMENT).toBe("development");
  });
});

describe("the order of the pipeline", () => {
  it("checks the key from the headers before reading a large body", async () => {
    const huge = `{"model":"claude-sonnet-4-6","max_tokens":8,"messages":[{"role":"user","content":"${"x".repeat(33 * 1024 * 1024)}"}]}`;
    const res = await callProxy("messages", "sk-cc-not-a-real-key-000000000000000000000000", huge);
    expect(res.status).toBe(401);
    const caller = await newAccountWithKey({ usd: "0" });
    expect((await callProxy("messages", caller.key, huge)).status).toBe(413);
  });
});
