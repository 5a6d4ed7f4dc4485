/**
 * A Codex request (gpt-5.5 shape, https://github.com/openai/codex/blob/main/codex-rs/codex-api/src/common.rs) for the tests of the Responses → Claude
 * direction, and the translation they check: Responses body → IR → Anthropic body.
 */
import { encodeAnthropicRequest } from "../src/anthropic-messages/encode-request.ts";
import {
  decodeOpenAiResponsesRequest,
  parseOpenAiResponsesRequest,
} from "../src/openai-responses/decode-request.ts";

export const toClaude = (body: Record<string, unknown>) =>
  encodeAnthropicRequest(decodeOpenAiResponsesRequest(parseOpenAiResponsesRequest(body)));

export const APPLY_PATCH = {
  type: "custom",
  name: "apply_patch",
  description:
    "The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.",
  format: {
    type: "grammar",
    syntax: "lark",
    definition: 'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF',
  },
};
export const EXEC = {
  type: "function",
  name: "exec_command",
  description: "Runs a command in a PTY.",
  strict: false,
  parameters: { type: "object", properties: { cmd: { type: "string" } }, required: ["cmd"] },
};

/** A Codex turn (gpt-5.5 shape), as the model name a Claude alias. */
export const codexBody = (input: unknown[], extra: Record<string, unknown> = {}) => ({
  model: "claude-opus-4-7",
  stream: true,
  input,
  tools: [
    EXEC,
    APPLY_PATCH,
    { type: "tool_search", execution: "client" },
    { type: "web_search", external_web_access: false },
  ],
  tool_choice: "auto",
  parallel_tool_calls: true,
  reasoning: { effort: "medium" },
  store: false,
  include: ["reasoning.encrypted_content"],
  prompt_cache_key: "01a20e6e-662c-7d00-8d5b-17b5e9f14455",
  text: { verbosity: "low" },
  client_metadata: { session_id: "01a20e6e", "x-codex-turn-metadata": "{}" },
  ...extra,
});

export const developer = (text: string) => ({
  type: "message",
  role: "developer",
  content: [{ type: "input_text", text }],
});
export const user = (text: string) => ({
  type: "message",
  role: "user",
  content: [{ type: "input_text", text }],
});
