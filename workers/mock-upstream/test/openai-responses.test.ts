import { describe, expect, it } from "vitest";
import {
  expectSequence,
  foldResponses,
  nonce,
  type OpenAiErrorBody,
  parseEventSse,
  type ResponseBody,
  type ResponsesEvent,
  responses,
  responsesRequest,
  tokens,
  validAgainst,
  withoutIds,
} from "./openai-helpers.ts";

const EXEC = {
  type: "function",
  name: "exec_command",
  description: "Runs a command",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      cmd: { type: "string" },
      workdir: { type: "string" },
      yield_time_ms: { type: "number", minimum: 0 },
      login: { type: "boolean" },
    },
    required: ["cmd", "yield_time_ms"],
    additionalProperties: false,
  },
};
const APPLY_PATCH = {
  type: "custom",
  name: "apply_patch",
  description: "Edit files with a patch.",
  format: {
    type: "grammar",
    syntax: "lark",
    definition:
      'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF\nend_patch: "*** End Patch" LF?',
  },
};
/** Tools Codex sends besides functions: accepted, never called. */
const OTHER_TOOLS = [
  { type: "tool_search", execution: "client", description: "search tools", parameters: { type: "object" } },
  { type: "web_search", external_web_access: false },
  {
    type: "namespace",
    name: "multi_agent_v1",
    description: "agents",
    tools: [{ type: "function", name: "spawn" }],
  },
];
const TOOLS = [EXEC, APPLY_PATCH, ...OTHER_TOOLS];
/** Tool definitions Codex's default models send as an input item. */
const EXTRA = [{ type: "namespace", name: "clock", tools: [{ type: "function", name: "now" }] }];
const REASONING = (said: string) =>
  `Considering "${said}". The mock answers deterministically, so a short reply will do.`;

const json = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json<ResponseBody>();
};
const stream = async (res: Response) => {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const events = parseEventSse(await res.text());
  expectSequence(events);
  return events;
};
const types = (events: ResponsesEvent[]) => events.map((e) => e.type);

/** A complete stream: created, in_progress, items one after another, one terminal event. */
function expectResponsesGrammar(events: ResponsesEvent[], terminal = "response.completed"): ResponseBody {
  expect(types(events).slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
  for (const e of events.slice(0, 2))
    expect(e.response).toMatchObject({ status: "in_progress", output: [], usage: null });
  expect(events.at(-1)?.type).toBe(terminal);
  const terminals = events.filter((e) => /^response\.(completed|incomplete|failed)$/.test(e.type));
  expect(terminals).toHaveLength(1);
  let open = -1;
  let next = 0;
  for (const e of events.slice(2, -1)) {
    if (e.type === "response.output_item.added") {
      expect(open).toBe(-1);
      expect(e.output_index).toBe(next);
      open = next;
      next += 1;
    } else {
      expect(e.output_index).toBe(open);
      if (e.type === "response.output_item.done") open = -1;
      else
        expect(e.item_id).toBe(
          events.find((a) => a.type === "response.output_item.added" && a.output_index === open)?.item?.id,
        );
    }
  }
  expect(open).toBe(-1);
  const final = events.at(-1)!.response!;
  expect(final.output).toHaveLength(next);
  return final;
}

describe("POST /v1/responses: text", () => {
  it("streams exactly the documented and recorded grammar for a text answer", async () => {
    const events = await stream(await responses(responsesRequest("hi there", { stream: true })));
    expect(types(events)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const final = expectResponsesGrammar(events);
    const text = "Hello from mock. You said: hi there";
    expect(final).toMatchObject({
      id: expect.stringMatching(/^resp_mock_\d+$/),
      object: "response",
      status: "completed",
      model: "gpt-5.5",
      error: null,
      incomplete_details: null,
      output: [
        {
          id: expect.stringMatching(/^msg_mock_/),
          type: "message",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", annotations: [], logprobs: [], text }],
        },
      ],
      usage: {
        input_tokens: tokens("hi there"),
        input_tokens_details: { cache_write_tokens: 0, cached_tokens: 0 },
        output_tokens: tokens(text),
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: tokens("hi there", text),
      },
    });
    // Field sets and order of the recorded fixture.
    expect(Object.keys(events[4]!)).toEqual([
      "type",
      "content_index",
      "delta",
      "item_id",
      "logprobs",
      "output_index",
      "sequence_number",
    ]);
    expect(events.at(-1)?.response?.id).toBe(events[0]?.response?.id);
  });

  it("the non-streamed response equals response.completed, and the deltas fold into its output", async () => {
    const cases = [
      responsesRequest("plain"),
      responsesRequest("[[mock:tool count=2]] go", { tools: TOOLS }),
      responsesRequest("[[mock:tool name=apply_patch]]", { tools: TOOLS, reasoning: { effort: "low" } }),
      responsesRequest("why", {
        reasoning: { effort: "high", summary: "auto" },
        include: ["reasoning.encrypted_content"],
      }),
      responsesRequest("a rather long message that will not fit", { max_output_tokens: 16 }),
    ];
    for (const body of cases) {
      const whole = await json(await responses(body));
      const events = await stream(await responses({ ...body, stream: true }));
      const final = expectResponsesGrammar(
        events,
        whole.status === "incomplete" ? "response.incomplete" : "response.completed",
      );
      expect(withoutIds(final)).toEqual(withoutIds(whole));
      expect(foldResponses(events)).toEqual(final.output);
    }
  });

  it("counts tools JSON, instructions, message parts, call arguments / inputs, outputs, additional_tools; reasoning 0", async () => {
    const input = [
      { type: "message", role: "developer", content: [{ type: "input_text", text: "You are Codex." }] },
      {
        role: "user",
        content: [
          { type: "input_text", text: "fix it" },
          { type: "input_image", image_url: "data:image/png;base64,AA" },
        ],
      },
      {
        type: "reasoning",
        id: "rs_1",
        summary: [{ type: "summary_text", text: "thinking" }],
        encrypted_content: "gAAAAAxyz",
      },
      { type: "function_call", call_id: "c1", name: "exec_command", arguments: '{"cmd":"ls"}' },
      { type: "function_call_output", call_id: "c1", output: "a.txt" },
      {
        type: "custom_tool_call",
        call_id: "c2",
        name: "apply_patch",
        input: "*** Begin Patch\n*** End Patch",
      },
      { type: "custom_tool_call_output", call_id: "c2", output: [{ type: "input_text", text: "Done!" }] },
      { type: "additional_tools", role: "developer", tools: EXTRA },
    ];
    const body = await json(
      await responses({
        model: "gpt-5.3-codex",
        instructions: "Be brief.",
        input,
        tools: [EXEC, APPLY_PATCH],
      }),
    );
    expect(body.usage?.input_tokens).toBe(
      tokens(
        JSON.stringify(EXEC),
        JSON.stringify(APPLY_PATCH),
        "Be brief.",
        "You are Codex.",
        "fix it",
        '{"cmd":"ls"}',
        "a.txt",
        "*** Begin Patch\n*** End Patch",
        "Done!",
        JSON.stringify(EXTRA),
      ),
    );
    expect(body.output[0]?.content?.[0]?.text).toBe("Mock received the tool result: a.txt\nDone!");
  });

  it("accepts what Codex sends (store:false, include, prompt_cache_key, client_metadata, text.verbosity, other tools)", async () => {
    const body = {
      model: "gpt-5.5",
      stream: true,
      input: [
        {
          type: "message",
          id: "msg_1",
          role: "developer",
          content: [{ type: "input_text", text: "You are Codex." }],
        },
        { type: "message", role: "user", content: [{ type: "input_text", text: "<environment_context/>" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "say hi" }] },
      ],
      tools: TOOLS,
      tool_choice: "auto",
      parallel_tool_calls: true,
      reasoning: { effort: "medium" },
      store: false,
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: nonce(),
      text: { verbosity: "low" },
      client_metadata: { "x-codex-turn-metadata": "{}" },
    };
    const events = await stream(
      await responses(body, { accept: "text/event-stream", originator: "codex_exec" }),
    );
    const final = expectResponsesGrammar(events);
    expect(final.output.map((i) => i.type)).toEqual(["reasoning", "message"]);
    expect(final.output[1]?.content?.[0]?.text).toBe("Hello from mock. You said: say hi");
    expect(final).toMatchObject({
      store: false,
      text: { verbosity: "low" },
      prompt_cache_key: body.prompt_cache_key,
    });
    expect(events.filter((e) => e.type === "response.output_item.done")).toHaveLength(2);
  });

  it("rejects previous_response_id (nothing is stored) and max_output_tokens below 16", async () => {
    const prev = await responses(responsesRequest("hi", { previous_response_id: "resp_x" }));
    expect(prev.status).toBe(400);
    expect((await prev.json<OpenAiErrorBody>()).error).toMatchObject({ code: "previous_response_not_found" });
    const small = await responses(responsesRequest("hi", { max_output_tokens: 8 }));
    expect(small.status).toBe(400);
    expect((await small.json<OpenAiErrorBody>()).error).toMatchObject({ param: "max_output_tokens" });
  });
});

describe("Responses tool calls", () => {
  it("function_call: call_id, name, arguments valid against the schema, streamed in fragments", async () => {
    const events = await stream(
      await responses(responsesRequest("run [[mock:tool]]", { tools: TOOLS, stream: true })),
    );
    const final = expectResponsesGrammar(events);
    const call = final.output[1]!;
    expect(call).toMatchObject({
      id: expect.stringMatching(/^fc_mock_/),
      type: "function_call",
      status: "completed",
      call_id: expect.stringMatching(/^call_mock_/),
      name: "exec_command",
    });
    expect(validAgainst(EXEC.parameters, JSON.parse(call.arguments ?? ""))).toBe(true);
    const deltas = events.filter((e) => e.type === "response.function_call_arguments.delta");
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(events.find((e) => e.type === "response.function_call_arguments.done")).toMatchObject({
      name: "exec_command",
      arguments: call.arguments,
    });
    expect(
      events.find((e) => e.type === "response.output_item.added" && e.output_index === 1)?.item,
    ).toMatchObject({
      status: "in_progress",
      arguments: "",
    });
  });

  it("name=apply_patch picks the custom tool: a custom_tool_call whose input is a patch", async () => {
    const events = await stream(
      await responses(
        responsesRequest("edit [[mock:tool name=apply_patch]]", { tools: TOOLS, stream: true }),
      ),
    );
    const final = expectResponsesGrammar(events);
    const call = final.output.find((i) => i.type === "custom_tool_call");
    expect(call).toMatchObject({
      status: "completed",
      name: "apply_patch",
      call_id: expect.stringMatching(/^call_mock_/),
    });
    expect(call?.input).toMatch(/^\*\*\* Begin Patch\n\*\*\* Add File: \S+\n(\+.*\n)+\*\*\* End Patch\n?$/);
    expect(types(events)).toContain("response.custom_tool_call_input.delta");
    expect(events.find((e) => e.type === "response.custom_tool_call_input.done")?.input).toBe(call?.input);
    expect(final.usage?.output_tokens).toBe(tokens("I'll call the apply_patch tool.", call?.input ?? ""));
  });

  it("tool_choice forces calls without text; count=2 alternates; custom tools can be forced", async () => {
    const forced = await json(
      await responses(responsesRequest("hi", { tools: TOOLS, tool_choice: "required" })),
    );
    expect(forced.output.map((i) => i.type)).toEqual(["function_call"]);
    const custom = await json(
      await responses(
        responsesRequest("hi", { tools: TOOLS, tool_choice: { type: "custom", name: "apply_patch" } }),
      ),
    );
    expect(custom.output.map((i) => [i.type, i.name])).toEqual([["custom_tool_call", "apply_patch"]]);
    const two = await json(await responses(responsesRequest("[[mock:tool count=2]]", { tools: TOOLS })));
    expect(two.output.map((i) => i.name ?? i.type)).toEqual(["message", "exec_command", "apply_patch"]);
    expect(new Set(two.output.map((i) => i.call_id)).size).toBe(3); // undefined + two distinct
  });

  it("after a function_call_output the answer is text", async () => {
    const body = await json(
      await responses({
        model: "gpt-5.5",
        tools: TOOLS,
        input: [
          { role: "user", content: "run [[mock:tool]]" },
          { type: "function_call", call_id: "c", name: "exec_command", arguments: "{}" },
          { type: "function_call_output", call_id: "c", output: "ok" },
        ],
      }),
    );
    expect(body.output.map((i) => i.type)).toEqual(["message"]);
    expect(body.output[0]?.content?.[0]?.text).toBe("Mock received the tool result: ok");
  });
});

describe("Responses reasoning", () => {
  it("a reasoning item with a summary, and encrypted_content when included", async () => {
    const events = await stream(
      await responses(
        responsesRequest("why", {
          stream: true,
          reasoning: { effort: "medium" },
          include: ["reasoning.encrypted_content"],
        }),
      ),
    );
    expect(types(events).slice(2).join(" ")).toMatch(
      /^response\.output_item\.added response\.reasoning_summary_part\.added (response\.reasoning_summary_text\.delta ){3,6}response\.reasoning_summary_text\.done response\.reasoning_summary_part\.done response\.output_item\.done response\.output_item\.added /,
    );
    for (const e of events.filter((x) => x.type.startsWith("response.reasoning_summary")))
      expect(e.summary_index).toBe(0);
    const final = expectResponsesGrammar(events);
    const reasoning = final.output[0]!;
    expect(reasoning).toEqual({
      id: expect.stringMatching(/^rs_mock_/),
      type: "reasoning",
      summary: [{ type: "summary_text", text: REASONING("why") }],
      encrypted_content: expect.stringMatching(/^gAAAAA[A-Za-z0-9+/=]+$/),
    });
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(tokens(REASONING("why")));
    expect(final.usage?.output_tokens).toBe(tokens(REASONING("why"), "Hello from mock. You said: why"));
  });

  it("no encrypted_content without include; no reasoning item without reasoning or with effort none", async () => {
    const plain = await json(
      await responses(responsesRequest("why", { reasoning: { effort: "low", summary: "auto" } })),
    );
    expect(plain.output[0]?.type).toBe("reasoning");
    expect(plain.output[0]).not.toHaveProperty("encrypted_content");
    for (const reasoning of [null, { effort: "none" }]) {
      const none = await json(await responses(responsesRequest("why", { reasoning })));
      expect(none.output.map((i) => i.type)).toEqual(["message"]);
      expect(none.usage?.output_tokens_details.reasoning_tokens).toBe(0);
    }
  });
});

describe("Responses limits and cache", () => {
  it("max_output_tokens: status incomplete, incomplete_details, response.incomplete, message incomplete", async () => {
    const said = "please repeat this whole rather long sentence back to me";
    const body = responsesRequest(said, { max_output_tokens: 16 });
    const events = await stream(await responses({ ...body, stream: true }));
    const final = expectResponsesGrammar(events, "response.incomplete");
    expect(types(events)).not.toContain("response.completed");
    expect(final).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      completed_at: null,
      output: [{ type: "message", status: "incomplete" }],
      usage: { output_tokens: 16 },
    });
    // 16 tokens = 64 UTF-8 bytes of the answer.
    expect(final.output[0]?.content?.[0]?.text).toBe(`Hello from mock. You said: ${said}`.slice(0, 64));
  });

  it("the second identical request reads the prompt rounded down to 128 (scoped by prompt_cache_key)", async () => {
    const body = responsesRequest(`${nonce()} ${"abcd ".repeat(1000)}`, { prompt_cache_key: nonce() });
    const first = await json(await responses(body));
    const input = first.usage?.input_tokens ?? 0;
    expect(input).toBeGreaterThanOrEqual(1024);
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    const second = await json(await responses(body));
    expect(second.usage).toMatchObject({
      input_tokens: input,
      input_tokens_details: { cached_tokens: Math.floor(input / 128) * 128, cache_write_tokens: 0 },
    });
    const otherKey = await json(await responses({ ...body, prompt_cache_key: nonce() }));
    expect(otherKey.usage?.input_tokens_details.cached_tokens).toBe(0);
  });
});
