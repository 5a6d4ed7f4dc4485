import { describe, expect, it } from "vitest";
import { anthropicCostFacts } from "./anthropic-messages/cost-facts.ts";
import { AnthropicStreamUsage } from "./anthropic-messages/stream-usage.ts";
import { anthropicMessageObjects } from "./anthropic-messages/usage.ts";
import { openAiChatCostFacts } from "./openai-chat/cost-facts.ts";
import { openAiResponsesCostFacts } from "./openai-responses/cost-facts.ts";
import { OpenAiResponsesStreamDecoder } from "./openai-responses/stream-decoder.ts";
import { openAiResponsesBodyObjects } from "./openai-responses/usage.ts";
import { OPENAI_RESPONSE_RETENTION_MS, objectNotFound } from "./stored-objects.ts";

const refsOf = (facts: { refs: Array<{ kind: string; id: string; field: string }> }) =>
  facts.refs.map((r) => `${r.kind}:${r.id}@${r.field}`);

describe("the stored objects a request names", () => {
  it("Anthropic: a container (id or {id}), custom skills, files", () => {
    expect(
      refsOf(
        anthropicCostFacts({
          model: "m",
          container: {
            id: "container_1",
            skills: [
              { type: "anthropic", skill_id: "pptx" },
              { type: "custom", skill_id: "skill_9" },
            ],
          },
          messages: [
            { role: "user", content: [{ type: "document", source: { type: "file", file_id: "file_2" } }] },
          ],
        }),
      ),
    ).toEqual([
      "file:file_2@messages",
      "container:container_1@container.id",
      "skill:skill_9@container.skills.1.skill_id",
    ]);
    expect(refsOf(anthropicCostFacts({ model: "m", container: "container_3", messages: [] }))).toEqual([
      "container:container_3@container",
    ]);
  });

  it("OpenAI Chat: files by id", () => {
    const body = {
      model: "m",
      messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-x" } }] }],
    };
    expect(refsOf(openAiChatCostFacts(body))).toEqual(["file:file-x@messages"]);
  });

  it("OpenAI Responses: previous response, conversation, prompt, item references, files, containers, vector stores", () => {
    const facts = openAiResponsesCostFacts({
      model: "m",
      previous_response_id: "resp_1",
      conversation: { id: "conv_1" },
      prompt: { id: "pmpt_1" },
      input: [
        { type: "item_reference", id: "msg_1" },
        { role: "user", content: [{ type: "input_image", file_id: "file-img" }] },
      ],
      tools: [
        { type: "code_interpreter", container: "cntr_1" },
        { type: "code_interpreter", container: { type: "auto" } },
        { type: "file_search", vector_store_ids: ["vs_1", "vs_2"] },
      ],
    });
    expect(refsOf(facts)).toEqual([
      "item:msg_1@input",
      "file:file-img@input",
      "response:resp_1@previous_response_id",
      "conversation:conv_1@conversation",
      "prompt:pmpt_1@prompt.id",
      "container:cntr_1@tools.0.container",
      "vector_store:vs_1@tools.2.vector_store_ids",
      "vector_store:vs_2@tools.2.vector_store_ids",
    ]);
  });
});

describe("the stored objects an answer creates", () => {
  const now = 1_700_000_000_000;

  it("a stored Response: itself and its items; a response with store:false leaves only its container", () => {
    const response = {
      id: "resp_1",
      store: true,
      output: [
        { id: "msg_1", type: "message" },
        { id: "ci_1", type: "code_interpreter_call", container_id: "cntr_9" },
      ],
    };
    const expiresAt = now + OPENAI_RESPONSE_RETENTION_MS;
    expect(openAiResponsesBodyObjects(response, now)).toEqual([
      { kind: "response", id: "resp_1", expiresAt },
      { kind: "item", id: "msg_1", expiresAt },
      { kind: "item", id: "ci_1", expiresAt },
      { kind: "container", id: "cntr_9", expiresAt: null },
    ]);
    expect(openAiResponsesBodyObjects({ ...response, store: false }, now)).toEqual([
      { kind: "container", id: "cntr_9", expiresAt: null },
    ]);
  });

  it("a Responses stream: the response at response.created, items as they are added", () => {
    const decoder = new OpenAiResponsesStreamDecoder();
    const ev = (type: string, body: Record<string, unknown>) => ({
      event: type,
      data: JSON.stringify({ type, ...body }),
    });
    decoder.onEvent(
      ev("response.created", { response: { id: "resp_7", status: "in_progress", store: true, output: [] } }),
    );
    decoder.onEvent(
      ev("response.output_item.added", {
        output_index: 0,
        item: { id: "msg_7", type: "message", content: [] },
      }),
    );
    expect(decoder.created().map((o) => `${o.kind}:${o.id}`)).toEqual(["response:resp_7", "item:msg_7"]);
  });

  it("an Anthropic container, from a Message or from a stream's message_delta", () => {
    const container = { id: "container_5", expires_at: "2026-12-31T00:00:00Z" };
    expect(anthropicMessageObjects({ container })).toEqual([
      { kind: "container", id: "container_5", expiresAt: Date.parse("2026-12-31T00:00:00Z") },
    ]);
    const tap = new AnthropicStreamUsage();
    tap.onEvent({
      event: "message_start",
      data: JSON.stringify({
        type: "message_start",
        message: { id: "msg", model: "m", container: null, usage: {} },
      }),
    });
    expect(tap.created()).toEqual([]);
    tap.onEvent({
      event: "message_delta",
      data: JSON.stringify({
        type: "message_delta",
        delta: { stop_reason: "end_turn", container },
        usage: {},
      }),
    });
    expect(tap.created().map((o) => o.id)).toEqual(["container_5"]);
  });
});

describe("objectNotFound", () => {
  it("words a missing previous response as OpenAI does, everything else as not found", () => {
    const response = objectNotFound({ kind: "response", id: "resp_x", field: "previous_response_id" });
    expect([response.status, response.code, response.param, response.message]).toEqual([
      400,
      "previous_response_not_found",
      "previous_response_id",
      "Previous response with id 'resp_x' not found.",
    ]);
    const container = objectNotFound({ kind: "container", id: "c", field: "container" });
    expect([container.status, container.message]).toEqual([404, "Container with id 'c' not found."]);
  });
});
