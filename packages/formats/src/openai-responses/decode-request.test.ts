// Responses requests (what Codex sends, https://github.com/openai/codex/blob/main/codex-rs/codex-api/src/common.rs) → the Anthropic
// body sent upstream (docs/wire-formats.md, "OpenAI Responses (Codex) → Claude").
import { describe, expect, it } from "vitest";
import { codexBody, developer, toClaude, user } from "../../test-fixtures/codex-request.ts";

describe("a Codex request → Claude", () => {
  it("developer messages and instructions become the system prompt; the rest are turns", () => {
    const body = toClaude(
      codexBody([developer("You are Codex."), user("<environment_context/>"), user("say hi")], {
        instructions: "Base instructions.",
      }),
    );
    expect(body.system?.map((b) => b.text)).toEqual(["Base instructions.", "You are Codex."]);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "<environment_context/>" },
          { type: "text", text: "say hi", cache_control: { type: "ephemeral" } },
        ],
      },
    ]);
  });

  it("prompt_cache_key marks the end of the system prompt and of the conversation; without it, nothing", () => {
    const body = toClaude(codexBody([developer("A"), developer("B"), user("hi")]));
    expect(body.system).toEqual([
      { type: "text", text: "A" },
      { type: "text", text: "B", cache_control: { type: "ephemeral" } },
    ]);
    const plain = toClaude(codexBody([developer("A"), user("hi")], { prompt_cache_key: null }));
    expect(JSON.stringify(plain)).not.toContain("cache_control");
  });

  it("defaults max_tokens, maps effort to adaptive thinking, drops hosted tools and Codex-only fields", () => {
    const body = toClaude(codexBody([user("hi")]));
    expect(body.max_tokens).toBe(32_768);
    expect(body.thinking).toEqual({ type: "adaptive" });
    expect(body.output_config).toEqual({ effort: "medium" });
    expect(body.tools?.map((t) => t.name)).toEqual(["exec_command", "apply_patch"]);
    expect(body.tool_choice).toEqual({ type: "auto" });
    for (const key of ["include", "store", "client_metadata", "prompt_cache_key", "text"]) {
      expect(body).not.toHaveProperty(key);
    }
  });

  it("reasoning: none turns thinking off; summary asks for summarized thinking; null means unset", () => {
    expect(toClaude(codexBody([user("hi")], { reasoning: { effort: "none" } })).thinking).toBeUndefined();
    expect(toClaude(codexBody([user("hi")], { reasoning: { summary: "auto" } })).thinking).toEqual({
      type: "adaptive",
      display: "summarized",
    });
    expect(toClaude(codexBody([user("hi")], { reasoning: null })).thinking).toBeUndefined();
  });

  it("the apply_patch custom tool is a JSON tool wrapping the text as {input}, its grammar in the description", () => {
    const tool = toClaude(codexBody([user("hi")])).tools?.[1];
    expect(tool?.input_schema).toEqual({
      type: "object",
      properties: { input: { type: "string", description: "The tool's raw text input." } },
      required: ["input"],
    });
    expect(tool?.description).toBe(
      'The `apply_patch` tool can be used to edit files.\n\nPut the tool\'s raw text input, exactly as it should be received, in the `input` string. The text must match this lark grammar:\nstart: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF',
    );
  });

  it("function_call / function_call_output pairs become tool_use / tool_result, results first", () => {
    const body = toClaude(
      codexBody([
        user("list files"),
        { type: "function_call", call_id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' },
        { type: "function_call", call_id: "call_2", name: "exec_command", arguments: "" },
        { type: "function_call_output", call_id: "call_1", output: "a.txt" },
        user("and now?"),
        { type: "function_call_output", call_id: "call_2", output: [{ type: "input_text", text: "b.txt" }] },
      ]),
    );
    expect(body.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_1", name: "exec_command", input: { cmd: "ls" } },
          { type: "tool_use", id: "call_2", name: "exec_command", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: [{ type: "text", text: "a.txt" }] },
          { type: "tool_result", tool_use_id: "call_2", content: [{ type: "text", text: "b.txt" }] },
          { type: "text", text: "and now?", cache_control: { type: "ephemeral" } },
        ],
      },
    ]);
  });

  it("a custom_tool_call's raw input goes to Claude as {input}, its output as a tool_result", () => {
    const patch = "*** Begin Patch\n*** End Patch\n";
    const body = toClaude(
      codexBody([
        user("patch it"),
        { type: "custom_tool_call", call_id: "toolu_9", name: "apply_patch", input: patch },
        { type: "custom_tool_call_output", call_id: "toolu_9", output: "Done!" },
      ]),
    );
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_9", name: "apply_patch", input: { input: patch } }],
    });
    expect(body.messages[2]?.content[0]).toMatchObject({ type: "tool_result", tool_use_id: "toolu_9" });
  });

  it("images: data URLs become base64 sources, http URLs url sources", () => {
    const body = toClaude(
      codexBody(
        [
          {
            role: "user",
            content: [
              { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=", detail: "auto" },
              { type: "input_image", image_url: "https://example.com/cat.jpg" },
            ],
          },
        ],
        { prompt_cache_key: null },
      ),
    );
    expect(body.messages[0]?.content.slice(0, 2)).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
    ]);
  });

  it("text.format json_schema becomes output_config.format", () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" } } };
    const body = toClaude(
      codexBody([user("hi")], {
        text: { format: { type: "json_schema", name: "out", schema, strict: true } },
      }),
    );
    expect(body.output_config).toEqual({ effort: "medium", format: { type: "json_schema", schema } });
  });
});
