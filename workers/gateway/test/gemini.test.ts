import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  callMessages,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  type TestKey,
  usageRow,
} from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

const BASE = "https://gateway.test/api/proxy";
const gemini = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "x-goog-api-key": caller.key, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const hello = (text = "Hello gemini") => ({ contents: [{ role: "user", parts: [{ text }] }] });

/** The chunks of a Gemini SSE body. */
const chunks = (text: string) =>
  text
    .split(/\r?\n\r?\n/)
    .filter((f) => f.startsWith("data:"))
    .map((f) => JSON.parse(f.slice(5)) as Record<string, unknown>);

describe("Gemini models: passthrough", () => {
  it("forwards the body untouched with the gateway's key and bills usageMetadata", async () => {
    await clearMockRequests();
    const raw = JSON.stringify({ ...hello(), generationConfig: { maxOutputTokens: 100 } });
    const res = await gemini("/v1beta/models/gemini-2.5-flash:generateContent", raw);
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      candidates: { content: { parts: { text: string }[] } }[];
      usageMetadata: Record<string, number>;
    };
    expect(json.candidates[0]?.content.parts[0]?.text).toContain("Hello from mock");
    const [seen] = (await mockRequests()).filter((r) => r.path.includes(":generateContent"));
    expect(seen?.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(seen?.body).toEqual(JSON.parse(raw));
    expect(seen?.headers["x-goog-api-key"]).toBe(env.GEMINI_UPSTREAM_KEY);
    const row = await usageRow(res.headers.get("request-id"));
    expect(row).toMatchObject({
      format: "gemini",
      outcome: "ok",
      input_tokens: json.usageMetadata.promptTokenCount,
      output_tokens: json.usageMetadata.candidatesTokenCount,
    });
  });

  it("relays a stream byte for byte and takes the key from ?key=", async () => {
    const res = await exports.default.fetch(
      `${BASE}/v1beta/models/gemini-3.1-pro-preview:streamGenerateContent?alt=sse&key=${caller.key}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(hello()) },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("\r\n\r\n");
    const last = chunks(text).at(-1) as {
      candidates: { finishReason: string }[];
      usageMetadata: { promptTokenCount: number };
    };
    expect(last.candidates[0]?.finishReason).toBe("STOP");
    const row = await usageRow(res.headers.get("request-id"));
    expect(row).toMatchObject({
      outcome: "ok",
      stream: 1,
      input_tokens: last.usageMetadata.promptTokenCount,
    });
  });

  it("refuses a missing or wrong key in Google's shape", async () => {
    const res = await gemini("/v1beta/models/gemini-2.5-flash:generateContent", hello(), {
      "x-goog-api-key": "",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED" } });
  });

  it("answers 402 FAILED_PRECONDITION for an empty balance", async () => {
    const poor = await newAccountWithKey({ usd: "0" });
    const res = await gemini("/v1beta/models/gemini-2.5-flash:generateContent", hello(), {
      "x-goog-api-key": poor.key,
    });
    expect(res.status).toBe(402);
    const body = (await res.json()) as { error: { code: number; status: string; message: string } };
    expect(body.error).toMatchObject({ code: 402, status: "FAILED_PRECONDITION" });
    expect(body.error.message).toMatch(/^insufficient_balance: /);
  });

  it("names an unknown model in a 400 INVALID_ARGUMENT", async () => {
    const res = await gemini("/v1beta/models/gemini-0-nope:generateContent", hello());
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
  });
});

describe("Gemini clients on Claude and GPT", () => {
  it.each(["claude-sonnet-4-6", "gpt-5.5"])("%s: a JSON answer in Gemini's shape", async (model) => {
    const res = await gemini(`/v1beta/models/${model}:generateContent`, hello());
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      candidates: { content: { role: string; parts: { text?: string }[] }; finishReason: string }[];
      modelVersion: string;
      usageMetadata: Record<string, number>;
    };
    expect(json.candidates[0]).toMatchObject({ content: { role: "model" }, finishReason: "STOP" });
    expect(json.candidates[0]?.content.parts.map((p) => p.text).join("")).toContain("Hello from mock");
    expect(json.modelVersion).toBe(model);
    expect(json.usageMetadata.promptTokenCount).toBeGreaterThan(0);
  });

  it.each(["claude-sonnet-4-6", "gpt-5.5"])(
    "%s: a stream of Gemini chunks, a tool call whole",
    async (model) => {
      const body = {
        contents: [{ role: "user", parts: [{ text: "Weather? [[mock:tool]]" }] }],
        tools: [
          {
            functionDeclarations: [
              {
                name: "get_weather",
                parameters: { type: "OBJECT", properties: { city: { type: "STRING" } }, required: ["city"] },
              },
            ],
          },
        ],
      };
      const res = await gemini(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, body);
      expect(res.status).toBe(200);
      const all = chunks(await res.text()) as {
        candidates: { content: { parts: Record<string, unknown>[] }; finishReason?: string }[];
      }[];
      const calls = all.flatMap((c) => c.candidates[0]?.content.parts ?? []).filter((p) => p.functionCall);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.functionCall).toMatchObject({ name: "get_weather", args: { city: "mock" } });
      expect(all.at(-1)?.candidates[0]?.finishReason).toBe("STOP");
    },
  );

  it("counts tokens on Claude through Anthropic's counter, answered as totalTokens", async () => {
    const res = await gemini("/v1beta/models/claude-sonnet-4-6:countTokens", hello());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ totalTokens: expect.any(Number) });
  });
});

describe("Other clients on Gemini models", () => {
  it("Claude Code's request reaches Gemini as generateContent and comes back as Anthropic SSE", async () => {
    await clearMockRequests();
    const res = await callMessages({
      key: caller.key,
      body: {
        model: "gemini-3.1-pro-preview",
        max_tokens: 300,
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("event: message_stop");
    const said = [...text.matchAll(/"text_delta","text":"([^"]*)"/g)].map((m) => m[1]).join("");
    expect(said).toBe("Hello from mock. You said: hi");
    // Gemini 3's signature on a text part is not carried: no thinking block after the answer.
    expect(text).not.toContain('"type":"thinking"');
    const [seen] = (await mockRequests()).filter((r) => r.path.includes("gemini-3.1-pro-preview"));
    expect(seen?.path).toBe("/v1beta/models/gemini-3.1-pro-preview:streamGenerateContent");
    expect(seen?.search).toBe("?alt=sse");
    expect(seen?.headers["x-goog-api-key"]).toBe(env.GEMINI_UPSTREAM_KEY);
    expect(seen?.headers["x-api-key"]).toBeUndefined();
  });

  it("lists Gemini models in every shape", async () => {
    const get = (path: string, headers: Record<string, string>) =>
      exports.default.fetch(`${BASE}${path}`, { headers });
    const openai = (await (await get("/v1/models", { authorization: `Bearer ${caller.key}` })).json()) as {
      data: { id: string; owned_by: string }[];
    };
    expect(openai.data).toContainEqual(expect.objectContaining({ id: "gemini-2.5-pro", owned_by: "google" }));
    const anthropic = (await (
      await get("/v1/models", { "x-api-key": caller.key, "anthropic-version": "2023-06-01" })
    ).json()) as { data: { id: string }[] };
    expect(anthropic.data.map((m) => m.id)).toContain("gemini-2.5-pro");
    const google = (await (await get("/v1beta/models", { "x-goog-api-key": caller.key })).json()) as {
      models: { name: string }[];
    };
    expect(google.models.map((m) => m.name)).toContain("models/gemini-3.1-pro-preview");
    expect(google.models.map((m) => m.name)).toContain("models/claude-sonnet-4-6");
  });
});
