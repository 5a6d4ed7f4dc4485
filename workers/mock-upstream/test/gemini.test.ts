import { describe, expect, it } from "vitest";
import { call, KEY, tokens } from "./helpers.ts";

const gen = (
  model: string,
  body: unknown,
  headers: Record<string, string> = { "x-goog-api-key": KEY },
  method = "generateContent",
) =>
  call(`/v1beta/models/${model}:${method}${method === "streamGenerateContent" ? "?alt=sse" : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const user = (text: string) => ({ role: "user", parts: [{ text }] });
/** What the tests read of Google's JSON: an answer, a chunk, or an error. */
interface Json {
  candidates: { content: { parts: Record<string, unknown>[] }; finishReason?: string }[];
  usageMetadata: Record<string, number>;
  promptFeedback?: unknown;
  error: { status: string; message: string };
}
const chunks = (text: string): Json[] =>
  text
    .split("\r\n\r\n")
    .filter((f) => f.startsWith("data:"))
    .map((f) => JSON.parse(f.slice(5)));

describe("Gemini routes: Google's key rules", () => {
  it("takes x-goog-api-key or ?key=; no key 403, a wrong one 400 API_KEY_INVALID, a Bearer beside it 401", async () => {
    expect((await gen("gemini-2.5-flash", { contents: [user("hi")] })).status).toBe(200);
    const byQuery = await call(`/v1beta/models/gemini-2.5-flash:generateContent?key=${KEY}`, {
      method: "POST",
      body: JSON.stringify({ contents: [user("hi")] }),
    });
    expect(byQuery.status).toBe(200);
    expect((await gen("gemini-2.5-flash", { contents: [user("hi")] }, {})).status).toBe(403);
    const wrong = await gen("gemini-2.5-flash", { contents: [user("hi")] }, { "x-goog-api-key": "nope" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("API_KEY_INVALID");
    const leak = await gen(
      "gemini-2.5-flash",
      { contents: [user("hi")] },
      { "x-goog-api-key": KEY, authorization: "Bearer sk-cc-x" },
    );
    expect(await leak.json()).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED" } });
  });
});

describe("Gemini routes: answers", () => {
  it("a whole answer: text, usage counted by the documented rule", async () => {
    const res = await gen("gemini-2.5-flash", {
      systemInstruction: { parts: [{ text: "Be brief." }] },
      contents: [user("Hello there")],
    });
    const json = (await res.json()) as Json;
    const text = "Hello from mock. You said: Hello there";
    expect(json.candidates[0]).toEqual({
      content: { parts: [{ text }], role: "model" },
      finishReason: "STOP",
      index: 0,
    });
    const prompt = tokens("Be brief.", "Hello there");
    expect(json.usageMetadata).toEqual({
      promptTokenCount: prompt,
      candidatesTokenCount: tokens(text),
      totalTokenCount: prompt + tokens(text),
    });
  });

  it("a stream: CRLF frames, cumulative usage, thoughts and a signed function call on Gemini 3", async () => {
    const res = await gen(
      "gemini-3.1-pro-preview",
      {
        contents: [user("Weather? [[mock:tool]]")],
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
        generationConfig: { thinkingConfig: { includeThoughts: true, thinkingLevel: "HIGH" } },
      },
      { "x-goog-api-key": KEY },
      "streamGenerateContent",
    );
    const all = chunks(await res.text());
    const parts = all.flatMap((c) => c.candidates[0]!.content.parts);
    expect(parts[0]).toMatchObject({ thought: true });
    expect(parts.find((p) => p.functionCall)).toEqual({
      functionCall: { name: "get_weather", args: { city: "mock" } },
      thoughtSignature: expect.any(String),
    });
    const last = all.at(-1)!;
    expect(last.candidates[0]!.finishReason).toBe("STOP");
    expect(last.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("reports implicit cache hits as cachedContentTokenCount", async () => {
    const big = { contents: [user(`${crypto.randomUUID()} ${"long context ".repeat(400)}`)] };
    await gen("gemini-2.5-flash", big);
    const second = (await (await gen("gemini-2.5-flash", big)).json()) as Json;
    expect(second.usageMetadata.cachedContentTokenCount).toBeGreaterThanOrEqual(1024);
  });

  it("a blocked prompt: promptFeedback, no candidate", async () => {
    const json = (await (
      await gen("gemini-2.5-flash", { contents: [user("bad [[mock:safety]]")] })
    ).json()) as Json;
    expect(json.promptFeedback).toEqual({ blockReason: "SAFETY" });
    expect(json.candidates).toBeUndefined();
  });

  it("errors on demand in Google's shape; a 429 with RetryInfo", async () => {
    const res = await gen(
      "gemini-2.5-flash",
      { contents: [user("x")] },
      { "x-goog-api-key": KEY, "x-mock-scenario": "error; status=429; retry-after=3" },
    );
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({
      error: { code: 429, status: "RESOURCE_EXHAUSTED", details: [{ retryDelay: "3s" }] },
    });
  });
});

describe("Gemini routes: what Google refuses, refused", () => {
  it.each([
    [{ contents: [user("x")], max_tokens: 5 }, 'Unknown name "maxTokens"'],
    [{ contents: [] }, "contents is not specified"],
    [{ contents: [{ role: "assistant", parts: [{ text: "x" }] }] }, "valid role"],
    [{ contents: [{ role: "user", parts: [] }] }, "must not be empty"],
    [
      { contents: [user("x")], generationConfig: { thinkingConfig: { thinkingBudget: 0 } } },
      "only works in thinking mode",
    ],
    [
      { contents: [user("x")], generationConfig: { stopSequences: ["1", "2", "3", "4", "5", "6"] } },
      "at most 5",
    ],
    [
      {
        contents: [
          user("go"),
          { role: "model", parts: [{ functionCall: { name: "a", args: {} } }] },
          { role: "user", parts: [{ functionResponse: { name: "a", response: {} } }] },
        ],
      },
      "missing a thought_signature",
    ],
  ])("%j → 400 INVALID_ARGUMENT", async (body, message) => {
    const res = await gen("gemini-3.1-pro-preview", body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as Json;
    expect(json.error.status).toBe("INVALID_ARGUMENT");
    expect(json.error.message).toContain(message);
  });

  it("takes Google's placeholder for an unsigned call, and a model it does not know is a 404", async () => {
    const body = {
      contents: [
        user("go"),
        {
          role: "model",
          parts: [
            { functionCall: { name: "a", args: {} }, thoughtSignature: "skip_thought_signature_validator" },
          ],
        },
        { role: "user", parts: [{ functionResponse: { name: "a", response: { output: "ok" } } }] },
      ],
    };
    expect((await gen("gemini-3.1-pro-preview", body)).status).toBe(200);
    expect((await gen("gemini-0-nope", { contents: [user("x")] })).status).toBe(404);
  });

  it("countTokens counts a whole request as the answer's prompt", async () => {
    const res = await gen(
      "gemini-2.5-flash",
      { generateContentRequest: { contents: [user("Hello there")] } },
      { "x-goog-api-key": KEY },
      "countTokens",
    );
    expect(await res.json()).toMatchObject({ totalTokens: tokens("Hello there") });
  });
});
