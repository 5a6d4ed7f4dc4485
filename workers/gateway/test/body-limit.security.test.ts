import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, csrfIn, newEmail, PASSWORD, signedUp } from "./dashboard.helpers.ts";
import {
  BASE,
  basicMessage,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  type TestKey,
} from "./helpers.ts";

/**
 * `total` bytes in 64 KB chunks with no Content-Length (what `Transfer-Encoding: chunked` gives
 * a Worker), starting with `head`; `pulled()` says how many chunks the reader asked for.
 */
function chunkedBody(head: string, total: number) {
  const first = new TextEncoder().encode(head);
  const CHUNK = 64 * 1024;
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      if (sent >= total) return controller.close();
      const chunk = sent === 0 ? first : new Uint8Array(Math.min(CHUNK, total - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulls };
}

describe("the dashboard's forms: 64 KB, read with a cap, 413 as a page", () => {
  const tooBig = 64 * 1024 + 1;

  const expect413Page = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("Request too large");
    expect(html).toContain("Request body exceeds the 64 KB limit.");
  };

  /** Posts `fields` padded past the limit, once with a Content-Length and once chunked. */
  async function postOversized(browser: Browser, path: string, fields: Record<string, string>) {
    const body = `${new URLSearchParams(fields)}&pad=${"a".repeat(tooBig)}`;
    const headers = { "content-type": "application/x-www-form-urlencoded", origin: BASE };
    const declared = await browser.fetch(path, { method: "POST", headers, body });
    const { stream, pulled } = chunkedBody(`${new URLSearchParams(fields)}&pad=`, 1024 * 1024);
    const chunked = await browser.fetch(path, { method: "POST", headers, body: stream });
    return { declared, chunked, pulled: pulled() };
  }

  it("sign-up: nothing is created", async () => {
    const browser = new Browser();
    const csrf = csrfIn(await browser.page("/signup"));
    const email = newEmail();
    const res = await postOversized(browser, "/signup", { email, password: PASSWORD, _csrf: csrf });
    await expect413Page(res.declared);
    await expect413Page(res.chunked);
    // 1 MB arrives in 16 chunks; the reader stops at the second (64 KB + the head).
    expect(res.pulled).toBeLessThan(5);
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("login: no session", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const csrf = csrfIn(await browser.page("/login"));
    const res = await postOversized(browser, "/login", { email, password: PASSWORD, _csrf: csrf });
    await expect413Page(res.declared);
    await expect413Page(res.chunked);
    expect((await browser.get("/dashboard")).status).toBe(302);
  });

  it("keys and billing: nothing is created, the page says why", async () => {
    const { browser } = await signedUp();
    const csrf = csrfIn(await browser.page("/dashboard/keys"));
    for (const [path, fields] of [
      ["/dashboard/keys", { name: "big", _csrf: csrf }],
      ["/dashboard/billing/topup", { amount: "10", coin: "btc", provider: "dev", _csrf: csrf }],
      ["/dashboard/billing/pro", { _csrf: csrf }],
    ] as const) {
      const res = await postOversized(browser, path, fields);
      await expect413Page(res.declared);
      await expect413Page(res.chunked);
    }
    expect(await browser.page("/dashboard/keys")).toContain("No keys yet.");
    const billing = await browser.page("/dashboard/billing");
    expect(billing).toContain("No top-ups yet.");
    expect(billing).toContain("Upgrade to Pro");
  });

  it("a form within the limit still works when it arrives chunked", async () => {
    const { browser } = await signedUp();
    const csrf = csrfIn(await browser.page("/dashboard/keys"));
    const { stream } = chunkedBody(new URLSearchParams({ name: "streamed", _csrf: csrf }).toString(), 1);
    const res = await browser.fetch("/dashboard/keys", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
      body: stream,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("streamed");
  });
});

describe("the proxy routes: 32 MB, chunked included, 413 in the caller's format", () => {
  let caller: TestKey;
  beforeAll(async () => {
    caller = await newAccountWithKey();
  });

  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    exports.default.fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { "x-api-key": caller.key, "content-type": "application/json", ...headers },
      body,
    });

  it("refuses a chunked body past 32 MB without reading it all, and calls no upstream", async () => {
    await clearMockRequests();
    const head = JSON.stringify(basicMessage()).slice(0, -1);
    for (const [path, shape] of [
      ["/api/proxy/v1/messages", "anthropic"],
      ["/api/proxy/v1/messages/count_tokens", "anthropic"],
      ["/api/proxy/v1/chat/completions", "openai"],
      ["/api/proxy/v1/responses", "openai"],
    ] as const) {
      const { stream, pulled } = chunkedBody(head, 64 * 1024 * 1024);
      const res = await post(path, stream);
      expect(res.status).toBe(413);
      const body = (await res.json()) as Record<string, unknown>;
      if (shape === "anthropic") {
        expect(body).toMatchObject({ type: "error", error: { type: "request_too_large" } });
      } else {
        expect(body).toMatchObject({ error: { type: "invalid_request_error", code: "request_too_large" } });
      }
      // 64 MB is 1,024 chunks; the reader stops a chunk past 32 MB.
      expect(pulled()).toBeLessThan(520);
    }
    expect(await mockRequests()).toEqual([]);
  });

  it("refuses what is not UTF-8 JSON sent as application/json, in the caller's format", async () => {
    await clearMockRequests();
    const valid = JSON.stringify(basicMessage());
    const badUtf8 = new Uint8Array([...new TextEncoder().encode(valid.slice(0, -2)), 0xc3, 0x28, 0x7d]);
    const cases: Array<[string, BodyInit, Record<string, string>, RegExp]> = [
      ["text/plain", valid, { "content-type": "text/plain" }, /Unsupported content type 'text\/plain'/],
      ["form", valid, { "content-type": "application/x-www-form-urlencoded" }, /Unsupported content type/],
      ["invalid UTF-8", badUtf8, {}, /not valid UTF-8/],
      ["a lone surrogate", valid.replace("Hello gateway", "\\ud800 alone"), {}, /unpaired UTF-16 surrogate/],
    ];
    for (const [name, body, headers, message] of cases) {
      const anthropic = await post("/api/proxy/v1/messages", body, headers);
      expect([name, anthropic.status]).toEqual([name, 400]);
      const a = (await anthropic.json()) as { type: string; error: { type: string; message: string } };
      expect(a.error.type).toBe("invalid_request_error");
      expect(a.error.message).toMatch(message);
      const openai = await post("/api/proxy/v1/chat/completions", body, headers);
      expect([name, openai.status]).toEqual([name, 400]);
      const o = (await openai.json()) as { error: { type: string; message: string } };
      expect(o.error).toMatchObject({
        type: "invalid_request_error",
        message: expect.stringMatching(message),
      });
    }
    expect(await mockRequests()).toEqual([]);
  });

  it("accepts application/json with a charset, and a surrogate pair written as escapes", async () => {
    const pair = JSON.stringify(basicMessage()).replace("Hello gateway", "\\ud83d\\ude00 \\\\ud800");
    const res = await post("/api/proxy/v1/messages", pair, {
      "content-type": "Application/JSON; charset=utf-8",
    });
    expect(res.status).toBe(200);
  });
});
