// Responses requests the gateway refuses with a 400 naming the field at fault.
import { describe, expect, it } from "vitest";
import { codexBody, toClaude, user } from "../../test-fixtures/codex-request.ts";
import { GatewayError } from "../errors.ts";

describe("what the gateway refuses (400)", () => {
  const fails = (body: Record<string, unknown>, param: string) => {
    let caught: unknown;
    try {
      toClaude(body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect(caught).toMatchObject({ kind: "invalid_request", status: 400, param });
  };

  it("previous_response_id and conversation: the gateway keeps no conversation state", () => {
    fails(codexBody([user("hi")], { previous_response_id: "resp_123" }), "previous_response_id");
    fails(codexBody([user("hi")], { conversation: "conv_1" }), "conversation");
  });

  it("a malformed item is named by its path", () => {
    fails(codexBody([user("hi"), { type: "function_call", name: "x", arguments: "{}" }]), "input.1.call_id");
    fails(
      codexBody([user("hi"), { type: "function_call", call_id: "c", name: "x", arguments: "[1]" }]),
      "input.1.arguments",
    );
    fails(
      codexBody([{ role: "user", content: [{ type: "input_image", file_id: "file_1" }] }]),
      "input.0.content.0.image_url",
    );
    fails({ ...codexBody([]), model: "" }, "model");
    fails(
      codexBody([user("hi")], { tool_choice: { type: "allowed_tools", mode: "auto", tools: [] } }),
      "tool_choice",
    );
  });

  it("input as a plain string is one user message", () => {
    expect(toClaude({ model: "claude-opus-4-7", input: "hello" }).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hello" }] },
    ]);
  });
});
