// IR → Anthropic: the per-model rules and the cache breakpoint limit (docs/wire-formats.md, "OpenAI Chat → Claude").
import { describe, expect, it } from "vitest";
import type { IrRequest } from "../ir/request.ts";
import { encodeAnthropicRequest } from "./encode-request.ts";
import {
  allowedSampling,
  claudeVersion,
  restrictsSampling,
  supportsAdaptiveThinking,
} from "./model-rules.ts";

const ir = (over: Partial<IrRequest> = {}): IrRequest => ({
  model: "claude-sonnet-4-6",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  tools: [],
  maxOutputTokens: 1000,
  stopSequences: [],
  metadata: {},
  stream: true,
  extra: {},
  ...over,
});

describe("claudeVersion", () => {
  const cases: [string, [number, number] | undefined][] = [
    ["claude-opus-4-7", [4, 7]],
    ["claude-sonnet-4-5-20250929", [4, 5]],
    ["claude-opus-4-20250514", [4, 0]],
    ["claude-3-7-sonnet-20250219", [3, 7]],
    ["claude-opus-5", [5, 0]],
    ["anthropic.claude-opus-4-7-v1:0", [4, 7]],
    ["sonnet", undefined],
  ];
  for (const [model, v] of cases) {
    it(`${model} → ${v?.join(".") ?? "unknown"}`, () => {
      expect(claudeVersion(model)).toEqual(v && { major: v[0], minor: v[1] });
    });
  }

  it("treats 4.7 and later (and unreadable names) as sampling-restricted, 4.6 and later as adaptive", () => {
    expect(["claude-opus-4-6", "claude-opus-4-7", "claude-fable-5", "sonnet"].map(restrictsSampling)).toEqual(
      [false, true, true, true],
    );
    expect(["claude-haiku-4-5", "claude-sonnet-4-6"].map(supportsAdaptiveThinking)).toEqual([false, true]);
  });
});

describe("allowedSampling", () => {
  it("applies the thinking and the post-4.6 limits", () => {
    expect(allowedSampling("claude-sonnet-4-5", false, { temperature: 0, topP: 0.1 })).toEqual({
      temperature: 0,
      topP: 0.1,
    });
    expect(allowedSampling("claude-sonnet-4-5", true, { temperature: 0.7, topP: 0.95 })).toEqual({
      topP: 0.95,
    });
    expect(allowedSampling("claude-opus-4-7", false, { temperature: 2, topP: 0.98 })).toEqual({
      temperature: 1,
    });
  });
});

describe("encodeAnthropicRequest", () => {
  it("encodes a minimal request", () => {
    expect(encodeAnthropicRequest(ir())).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 1000,
      stream: true,
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    });
  });

  it("counts tool-result blocks and their inner blocks against the 4 breakpoints, keeping the last", () => {
    const cc = { type: "ephemeral" } as const;
    const body = encodeAnthropicRequest(
      ir({
        system: [{ type: "text", text: "S", cacheControl: cc }],
        messages: [
          { role: "user", content: [{ type: "text", text: "q", cacheControl: cc }] },
          {
            role: "assistant",
            content: [{ type: "tool_call", id: "t1", name: "f", input: {}, cacheControl: cc }],
          },
          {
            role: "user",
            content: [
              {
                type: "tool_result",
                toolCallId: "t1",
                content: [{ type: "text", text: "r", cacheControl: cc }],
                cacheControl: cc,
              },
            ],
          },
        ],
      }),
    );
    expect(body.system).toEqual([{ type: "text", text: "S" }]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "q", cache_control: cc }] },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "t1", name: "f", input: {}, cache_control: cc }],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "t1",
            content: [{ type: "text", text: "r", cache_control: cc }],
            cache_control: cc,
          },
        ],
      },
    ]);
  });

  it("sends an empty tool result without content, and is_error only when set", () => {
    const body = encodeAnthropicRequest(
      ir({
        messages: [
          { role: "user", content: [{ type: "tool_result", toolCallId: "t", content: [], isError: true }] },
        ],
      }),
    );
    expect(body.messages[0]?.content).toEqual([{ type: "tool_result", tool_use_id: "t", is_error: true }]);
  });
});

describe("thinking budgets on models that accept only adaptive thinking", () => {
  it.each([
    ["claude-opus-4-7", 2_048, "low"],
    ["claude-opus-5-5", 8_000, "medium"],
    ["claude-haiku-5-5", 20_000, "high"],
  ])("%s: budget %i → adaptive at effort %s", (model, budgetTokens, effort) => {
    const body = encodeAnthropicRequest(
      ir({ model, maxOutputTokens: 32_000, reasoning: { mode: "budget", budgetTokens, display: "omitted" } }),
    );
    expect(body.thinking).toEqual({ type: "adaptive", display: "omitted" });
    expect(body.output_config).toEqual({ effort });
  });

  it("keeps an effort the client gave beside its budget, and passes budgets on to 4.6", () => {
    const both = encodeAnthropicRequest(
      ir({
        model: "claude-opus-4-7",
        reasoning: { mode: "budget", budgetTokens: 2_048, effort: { value: "max", raw: "max" } },
      }),
    );
    expect(both.output_config).toEqual({ effort: "max" });
    const sonnet = encodeAnthropicRequest(
      ir({
        model: "claude-sonnet-4-6",
        maxOutputTokens: 8_000,
        reasoning: { mode: "budget", budgetTokens: 2_048 },
      }),
    );
    expect(sonnet.thinking).toEqual({ type: "enabled", budget_tokens: 2_048 });
    expect(sonnet).not.toHaveProperty("output_config");
  });
});
