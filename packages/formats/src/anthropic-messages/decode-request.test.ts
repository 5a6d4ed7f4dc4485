// Anthropic Messages requests (what Claude Code sends, https://code.claude.com/docs/en/llm-gateway) → IR.
import { describe, expect, it } from "vitest";
import type { IrRequest } from "../ir/request.ts";
import { decodeAnthropicRequest } from "./decode-request.ts";
import { encodeAnthropicRequest } from "./encode-request.ts";
import { AnthropicMessagesRequestSchema } from "./schema.ts";

const decode = (body: Record<string, unknown>): IrRequest =>
  decodeAnthropicRequest(AnthropicMessagesRequestSchema.parse(body));
const base = { model: "gpt-5.5", max_tokens: 32000 };

describe("decodeAnthropicRequest", () => {
  it("keeps system blocks, cache markers, thinking, tools, tool choice and sampling", () => {
    const ir = decode({
      ...base,
      system: [
        { type: "text", text: "x-anthropic-billing-header: cc_version=2.1; cch=ab12c;" },
        { type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral", ttl: "1h" } },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "redacted_thinking", data: "abc" },
            { type: "tool_use", id: "toolu_1", name: "Bash", input: { command: "ls" } },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              is_error: true,
              content: [
                { type: "text", text: "denied" },
                { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA=" } },
              ],
            },
            { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} },
          ],
        },
      ],
      tools: [
        {
          name: "Bash",
          description: "Run",
          input_schema: { type: "object" },
          cache_control: { type: "ephemeral" },
        },
        { type: "web_search_20250305", name: "web_search" },
      ],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      thinking: { type: "adaptive", display: "summarized" },
      output_config: { effort: "high" },
      stop_sequences: ["END"],
      temperature: 0.5,
      top_p: 0.9,
      metadata: { user_id: "user_abc_account_x_session_y" },
      context_management: { edits: [] },
      stream: true,
    });
    expect(ir.system).toEqual([
      { type: "text", text: "x-anthropic-billing-header: cc_version=2.1; cch=ab12c;" },
      { type: "text", text: "You are Claude Code.", cacheControl: { type: "ephemeral", ttl: "1h" } },
    ]);
    expect(ir.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hi", cacheControl: { type: "ephemeral" } }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", text: "hmm", signature: "sig" },
          { type: "redacted_thinking", data: "abc" },
          { type: "tool_call", id: "toolu_1", name: "Bash", input: { command: "ls" } },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            toolCallId: "toolu_1",
            isError: true,
            content: [
              { type: "text", text: "denied" },
              { type: "image", source: { type: "base64", mediaType: "image/png", data: "AAA=" } },
            ],
          },
        ],
      },
    ]);
    expect(ir.tools).toEqual([
      {
        name: "Bash",
        description: "Run",
        inputSchema: { type: "object" },
        cacheControl: { type: "ephemeral" },
      },
    ]);
    expect(ir.toolChoice).toEqual({ type: "required" });
    expect(ir.parallelToolCalls).toBe(false);
    expect(ir.reasoning).toEqual({
      mode: "adaptive",
      effort: { value: "high", raw: "high" },
      display: "summarized",
    });
    expect(ir).toMatchObject({
      maxOutputTokens: 32000,
      stopSequences: ["END"],
      temperature: 0.5,
      topP: 0.9,
      metadata: { userId: "user_abc_account_x_session_y" },
      stream: true,
      extra: { context_management: { edits: [] } },
    });
  });

  it("a string content, a mid-conversation system message, and a budget", () => {
    const ir = decode({
      ...base,
      system: "Be brief.",
      messages: [
        { role: "user", content: "hi" },
        { role: "system", content: "Now be verbose." },
        { role: "user", content: "again" },
      ],
      thinking: { type: "enabled", budget_tokens: 2048 },
    });
    expect(ir.system.map((p) => p.text)).toEqual(["Be brief.", "Now be verbose."]);
    expect(ir.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "hi" },
          { type: "text", text: "again" },
        ],
      },
    ]);
    expect(ir.reasoning).toEqual({ mode: "budget", budgetTokens: 2048 });
  });

  it("an absent max_tokens is the documented default, 4096", () => {
    expect(decode({ model: "gpt-5.5", messages: [{ role: "user", content: "hi" }] }).maxOutputTokens).toBe(
      4096,
    );
  });

  it("Anthropic → IR → Anthropic gives back the body's blocks", () => {
    const messages = [
      { role: "user", content: [{ type: "document", source: { type: "url", url: "https://x.test/a.pdf" } }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "t", signature: "s" },
          { type: "text", text: "ok" },
        ],
      },
    ];
    const out = encodeAnthropicRequest(decode({ model: "claude-opus-4-7", max_tokens: 100, messages }));
    expect(out.messages).toEqual(messages);
  });

  it("names the block at fault in a 400", () => {
    const bad = (content: unknown[], param: string) =>
      expect(() => decode({ ...base, messages: [{ role: "user", content }] })).toThrowError(
        expect.objectContaining({ kind: "invalid_request", param }),
      );
    bad([{ type: "tool_use", id: "t", input: {} }], "messages.0.content.0.name");
    bad([{ type: "image", source: { type: "file", file_id: "f" } }], "messages.0.content.0.source.type");
    bad([{ type: "text" }], "messages.0.content.0.text");
    expect(() => decode({ ...base, messages: [], tool_choice: { type: "tool" } })).toThrowError(
      expect.objectContaining({ param: "tool_choice.name" }),
    );
  });
});
