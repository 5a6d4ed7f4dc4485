// Anthropic streams → Responses: what each fixture's answer looks like to a Codex client
// (docs/wire-formats.md, "Claude → OpenAI Responses (Codex)").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAND_MADE, sseEvents } from "../../test-fixtures/replay.ts";
import { anthropicToResponses } from "../../test-fixtures/responses-replay.ts";
import type { IrTool } from "../ir/request.ts";
import { decodeReasoningToken, thinkingDigest } from "./reasoning-token.ts";
import type { ResponsesStreamEvent } from "./types.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));
const TOOLS: IrTool[] = [{ name: "apply_patch", inputSchema: {}, custom: {} }];
const replay = (file: string): ResponsesStreamEvent[] => anthropicToResponses(sseEvents(bytes(file)), TOOLS);

describe("the mapping, fixture by fixture", () => {
  const terminal = (file: string) => {
    const last = replay(file).at(-1);
    if (!last || !("response" in last)) throw new Error("no terminal response");
    return last.response;
  };

  it("a-multi-tool.sse: usage counts cache reads and writes inside input_tokens", () => {
    expect(terminal("a-multi-tool.sse").usage).toEqual({
      input_tokens: 1240,
      input_tokens_details: { cached_tokens: 1000, cache_write_tokens: 200 },
      output_tokens: 85,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1325,
    });
  });

  it("a-multi-tool.sse: function calls keep Claude's tool ids as call_id; a call without input gets {}", () => {
    const calls = terminal("a-multi-tool.sse").output.filter((i) => i.type === "function_call");
    expect(calls.map((c) => [c.call_id, c.name, c.arguments])).toEqual([
      ["toolu_01WeatherParis0000000001", "get_weather", '{"city": "Paris", "unit": "c"}'],
      ["toolu_01WeatherTokyo0000000002", "get_weather", '{"city": "Tokyo"}'],
      ["toolu_01LocalTime000000000003", "get_time", "{}"],
    ]);
  });

  it("a-thinking-summarized.sse: the reasoning item carries the thinking as summary and, signed, in encrypted_content", () => {
    const [reasoning] = terminal("a-thinking-summarized.sse").output;
    if (reasoning?.type !== "reasoning") throw new Error("expected a reasoning item first");
    const text =
      "I'm working through the Euclidean algorithm to find the GCD of 1071 and 462, applying successive division until I reach a remainder of zero, which gives me 21 as the greatest common divisor.";
    expect(reasoning.summary).toEqual([{ type: "summary_text", text }]);
    const read = decodeReasoningToken(reasoning.encrypted_content ?? "");
    expect(read.kind === "token" && read.token).toMatchObject({ v: 2, digest: thinkingDigest(text) });
    expect(read.kind === "token" && "signature" in read.token && read.token.signature).toMatch(
      /^EsECCokB.*oPGAE=$/,
    );
    expect(terminal("a-thinking-summarized.sse").usage?.output_tokens_details).toEqual({
      reasoning_tokens: 62,
    });
  });

  it("a-refusal.sse: a completed response whose message holds the explanation as a refusal part", () => {
    const res = terminal("a-refusal.sse");
    expect(res.status).toBe("completed");
    expect(res.output).toEqual([
      {
        type: "message",
        id: "msg_01RefusalStreamAbcdefghijk_0",
        role: "assistant",
        status: "completed",
        content: [
          {
            type: "refusal",
            refusal:
              "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.",
          },
        ],
      },
    ]);
  });

  it("a-max-tokens.sse: response.incomplete with incomplete_details.reason max_output_tokens", () => {
    const res = terminal("a-max-tokens.sse");
    expect(res).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
  });

  it("a-error-midstream.sse: response.failed with response.error, and no top-level error", () => {
    const out = replay("a-error-midstream.sse");
    const last = out.at(-1);
    expect(last).toMatchObject({
      type: "response.failed",
      response: {
        id: "resp_01ErrorMidHandMade000001",
        status: "failed",
        error: { code: "overloaded", message: "Overloaded" },
        output: [],
      },
    });
    expect(out.some((e) => "error" in e)).toBe(false);
  });

  it("a-apply-patch.sse: without the tool declared custom, the call stays a function_call with {input}", () => {
    const out = anthropicToResponses(sseEvents(bytes("a-apply-patch.sse")));
    const last = out.at(-1);
    const call = last && "response" in last ? last.response.output.at(-1) : undefined;
    expect(call).toMatchObject({ type: "function_call", name: "apply_patch" });
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({
      input: "*** Begin Patch\n*** Add File: hello.txt\n+Hello, world!\n*** End Patch\n",
    });
  });
});
