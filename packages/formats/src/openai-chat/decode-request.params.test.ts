// OpenAI Chat generation parameters → Anthropic (docs/wire-formats.md, "OpenAI Chat → Claude").
import { describe, expect, it } from "vitest";
import { encodeAnthropicRequest } from "../anthropic-messages/encode-request.ts";
import type { AnthropicRequestBody } from "../anthropic-messages/types.ts";
import { GatewayError } from "../errors.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../request-params.ts";
import { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./decode-request.ts";

const toAnthropic = (body: Record<string, unknown>): AnthropicRequestBody =>
  encodeAnthropicRequest(
    decodeOpenAiChatRequest(
      parseOpenAiChatRequest({ model: "claude-sonnet-4-6", messages: [user("Hi")], ...body }),
    ),
  );

function user(text: string) {
  return { role: "user", content: text };
}
const hi = [{ role: "user" as const, content: [{ type: "text" as const, text: "Hi" }] }];

describe("max tokens", () => {
  it("prefers max_completion_tokens, then max_tokens, then the default", () => {
    expect(toAnthropic({ max_completion_tokens: 100, max_tokens: 200 }).max_tokens).toBe(100);
    expect(toAnthropic({ max_tokens: 200 }).max_tokens).toBe(200);
    expect(toAnthropic({ max_tokens: null }).max_tokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    expect(DEFAULT_MAX_OUTPUT_TOKENS).toBe(32_768);
  });
});

describe("stop", () => {
  it("turns a string or an array into stop_sequences, dropping whitespace-only entries", () => {
    expect(toAnthropic({ stop: "END" }).stop_sequences).toEqual(["END"]);
    expect(toAnthropic({ stop: ["\n", "END", " ", "\t\n", "##"] }).stop_sequences).toEqual(["END", "##"]);
    expect(toAnthropic({ stop: ["\n\n"] })).not.toHaveProperty("stop_sequences");
  });
});

describe("temperature and top_p", () => {
  it("clamps temperature to Anthropic's 0–1 on models up to Opus 4.6", () => {
    expect(toAnthropic({ temperature: 0.3, top_p: 0.5 })).toMatchObject({ temperature: 0.3, top_p: 0.5 });
    expect(toAnthropic({ temperature: 1.7 }).temperature).toBe(1);
  });

  it("drops temperature ≠ 1 and top_p < 0.99 on models after Opus 4.6", () => {
    for (const model of ["claude-opus-4-7", "claude-opus-5", "claude-sonnet-5-20260901"]) {
      const body = toAnthropic({ model, temperature: 0.2, top_p: 0.9 });
      expect(body).toEqual({ model, max_tokens: 32768, stream: false, messages: hi });
      expect(toAnthropic({ model, temperature: 1, top_p: 0.995 })).toMatchObject({
        temperature: 1,
        top_p: 0.995,
      });
    }
  });

  it("drops temperature ≠ 1 and top_p < 0.95 when thinking is on", () => {
    const body = toAnthropic({ reasoning_effort: "low", temperature: 0.5, top_p: 0.9 });
    expect(body).not.toHaveProperty("temperature");
    expect(body).not.toHaveProperty("top_p");
    expect(toAnthropic({ reasoning_effort: "low", temperature: 1, top_p: 0.96 })).toMatchObject({
      temperature: 1,
      top_p: 0.96,
    });
  });
});

describe("reasoning_effort", () => {
  const cases: [string, unknown][] = [
    ["minimal", { type: "adaptive", effort: "low" }],
    ["low", { type: "adaptive", effort: "low" }],
    ["medium", { type: "adaptive", effort: "medium" }],
    ["high", { type: "adaptive", effort: "high" }],
    ["xhigh", { type: "adaptive", effort: "xhigh" }],
  ];
  for (const [effort, expected] of cases) {
    it(`maps ${effort} to adaptive thinking with an effort`, () => {
      const body = toAnthropic({ reasoning_effort: effort });
      const { type, effort: e } = expected as { type: string; effort: string };
      expect(body).toEqual({
        model: "claude-sonnet-4-6",
        max_tokens: 32768,
        stream: false,
        messages: hi,
        thinking: { type },
        output_config: { effort: e },
      });
    });
  }

  it("maps none to no thinking at all", () => {
    const body = toAnthropic({ reasoning_effort: "none" });
    expect(body).not.toHaveProperty("thinking");
    expect(body).not.toHaveProperty("output_config");
  });

  it("gives models before 4.6 a token budget below max_tokens instead", () => {
    expect(toAnthropic({ model: "claude-haiku-4-5", reasoning_effort: "high" }).thinking).toEqual({
      type: "enabled",
      budget_tokens: 4096,
    });
    expect(
      toAnthropic({ model: "claude-haiku-4-5", reasoning_effort: "high", max_tokens: 2000 }).thinking,
    ).toEqual({
      type: "enabled",
      budget_tokens: 1999,
    });
    // No room for the 1024-token minimum: thinking stays off.
    expect(
      toAnthropic({ model: "claude-haiku-4-5", reasoning_effort: "low", max_tokens: 1024 }),
    ).not.toHaveProperty("thinking");
  });

  it("passes a thinking config through, turning a budget into adaptive where budgets are rejected", () => {
    const thinking = { type: "enabled", budget_tokens: 5000 };
    expect(toAnthropic({ model: "claude-sonnet-4-5", thinking }).thinking).toEqual(thinking);
    expect(toAnthropic({ model: "claude-opus-4-7", thinking, reasoning_effort: "high" })).toMatchObject({
      thinking: { type: "adaptive" },
      output_config: { effort: "high" },
    });
    expect(toAnthropic({ thinking: { type: "disabled" }, reasoning_effort: "high" })).not.toHaveProperty(
      "thinking",
    );
  });
});

describe("response_format", () => {
  it("maps json_schema to output_config.format and drops json_object", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
    expect(
      toAnthropic({
        response_format: { type: "json_schema", json_schema: { name: "out", schema, strict: true } },
      }).output_config,
    ).toEqual({ format: { type: "json_schema", schema } });
    expect(toAnthropic({ response_format: { type: "json_object" } })).not.toHaveProperty("output_config");
  });
});

describe("cache_control", () => {
  const cc = { type: "ephemeral" } as const;

  it("keeps cache_control on system, parts and messages", () => {
    const body = toAnthropic({
      messages: [
        { role: "system", content: "Long system prompt", cache_control: cc },
        {
          role: "user",
          content: [{ type: "text", text: "Doc", cache_control: { type: "ephemeral", ttl: "1h" } }],
        },
        { role: "assistant", content: "Ok" },
        { role: "user", content: "Question", cache_control: cc },
      ],
    });
    expect(body.system).toEqual([{ type: "text", text: "Long system prompt", cache_control: cc }]);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [{ type: "text", text: "Doc", cache_control: { type: "ephemeral", ttl: "1h" } }],
      },
      { role: "assistant", content: [{ type: "text", text: "Ok" }] },
      { role: "user", content: [{ type: "text", text: "Question", cache_control: cc }] },
    ]);
  });

  it("keeps at most 4 breakpoints, dropping the earliest (tools, then system, then messages)", () => {
    const body = toAnthropic({
      tools: [{ type: "function", function: { name: "t" }, cache_control: cc }],
      messages: [
        { role: "system", content: "S", cache_control: cc },
        ...["a", "b", "c", "d"].flatMap((t) => [
          { role: "user", content: [{ type: "text", text: t, cache_control: cc }] },
          { role: "assistant", content: "ok" },
        ]),
      ],
    });
    expect(body.tools?.[0]).not.toHaveProperty("cache_control");
    expect(body.system?.[0]).not.toHaveProperty("cache_control");
    const marked = body.messages.flatMap((m) => m.content).filter((b) => "cache_control" in b);
    expect(marked.map((b) => (b.type === "text" ? b.text : ""))).toEqual(["a", "b", "c", "d"]);
  });
});

describe("other fields", () => {
  it("rejects n > 1 with a 400 on param n", () => {
    let caught: unknown;
    try {
      toAnthropic({ n: 2 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect(caught).toMatchObject({ kind: "invalid_request", status: 400, param: "n" });
    expect(toAnthropic({ n: 1 }).messages).toEqual(hi);
  });

  it("forwards user as metadata.user_id unless it is an e-mail address, and sets stream", () => {
    expect(toAnthropic({ user: "u_123", stream: true })).toMatchObject({
      metadata: { user_id: "u_123" },
      stream: true,
    });
    expect(toAnthropic({ user: "a@b.c" })).not.toHaveProperty("metadata");
  });

  it("reports a schema violation as a 400 naming the field", () => {
    expect(() =>
      parseOpenAiChatRequest({ model: "m", messages: [{ role: "function", content: "x" }] }),
    ).toThrow(GatewayError);
    try {
      parseOpenAiChatRequest({ model: "m", messages: [], temperature: 3 });
    } catch (e) {
      expect(e).toMatchObject({ kind: "invalid_request", param: "temperature" });
    }
    expect.assertions(2);
  });
});
