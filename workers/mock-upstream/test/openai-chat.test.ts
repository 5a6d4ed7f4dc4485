import { describe, expect, it } from "vitest";
import {
  type ChatChunk,
  type ChatCompletion,
  chat,
  chatRequest,
  foldChat,
  nonce,
  type OpenAiErrorBody,
  parseDataSse,
  tokens,
  validAgainst,
  withoutIds,
} from "./openai-helpers.ts";

const WEATHER = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", minLength: 2 },
        days: { type: "integer", minimum: 1, maximum: 7 },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        verbose: { type: "boolean" },
      },
      required: ["city", "days", "unit"],
      additionalProperties: false,
    },
  },
};
const SHELL = {
  type: "function",
  function: {
    name: "shell",
    parameters: {
      type: "object",
      properties: {
        command: { type: "array", items: { type: "string" }, minItems: 1 },
        workdir: { type: "string" },
      },
      required: ["command"],
    },
  },
};
const TOOLS = [WEATHER, SHELL];

const completion = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json<ChatCompletion>();
};
const chunksOf = async (res: Response) => {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  return parseDataSse(await res.text());
};
const REASONING = (said: string) =>
  `Considering "${said}". The mock answers deterministically, so a short reply will do.`;

/** Every complete chat stream follows OpenAI's grammar (https://platform.openai.com/docs/api-reference/chat-streaming). */
function expectChatGrammar(frames: (ChatChunk | "[DONE]")[], includeUsage: boolean): ChatChunk[] {
  expect(frames.filter((f) => f === "[DONE]")).toHaveLength(1);
  expect(frames.at(-1)).toBe("[DONE]");
  const chunks = frames.slice(0, -1) as ChatChunk[];
  expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  expect(new Set(chunks.map((c) => c.created)).size).toBe(1);
  for (const c of chunks) {
    expect(c.object).toBe("chat.completion.chunk");
    expect("usage" in c).toBe(includeUsage);
  }
  const withChoices = includeUsage ? chunks.slice(0, -1) : chunks;
  expect(withChoices[0]?.choices[0]?.delta.role).toBe("assistant");
  for (const c of withChoices.slice(1)) expect(c.choices[0]?.delta.role).toBeUndefined();
  const finishes = withChoices.map((c) => c.choices[0]?.finish_reason ?? null);
  expect(finishes.slice(0, -1).every((f) => f === null)).toBe(true);
  expect(finishes.at(-1)).not.toBeNull();
  if (includeUsage) {
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: expect.any(Number) });
    for (const c of withChoices) expect(c.usage).toBeNull();
  }
  return chunks;
}

describe("POST /v1/chat/completions: text", () => {
  it("answers with the echoed text and hand-computable usage", async () => {
    const res = await chat(chatRequest("hi there"));
    expect(res.headers.get("x-request-id")).toMatch(/^req_mock_\d+$/);
    const body = await completion(res);
    const text = "Hello from mock. You said: hi there";
    expect(body).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-mock-\d+$/),
      object: "chat.completion",
      created: expect.any(Number),
      model: "gpt-5.4",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text, refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: tokens("hi there"),
        completion_tokens: tokens(text),
        total_tokens: tokens("hi there", text),
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(body.choices[0]?.message.tool_calls).toBeUndefined();
  });

  it("counts tools JSON, every message's text parts, tool call arguments and tool outputs", async () => {
    const messages = [
      { role: "developer", content: "Be terse." },
      { role: "system", content: [{ type: "text", text: "Answer in English." }] },
      {
        role: "user",
        content: [
          { type: "text", text: "What is the weather?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "sunny" },
    ];
    const body = await completion(await chat({ model: "gpt-5.5", messages, tools: [WEATHER] }));
    expect(body.usage.prompt_tokens).toBe(
      tokens(
        JSON.stringify(WEATHER),
        "Be terse.",
        "Answer in English.",
        "What is the weather?",
        '{"city":"Paris"}',
        "sunny",
      ),
    );
    expect(body.choices[0]?.message.content).toBe("Mock received the tool result: sunny");
  });

  it("takes the directive out of the echo and finds it in text parts", async () => {
    const body = await completion(
      await chat(chatRequest([{ type: "text", text: "[[mock:slow delay=1]] hello" }])),
    );
    expect(body.choices[0]?.message.content).toBe("Hello from mock. You said: hello");
  });

  it("answers json_schema formats with JSON valid against the schema", async () => {
    const schema = WEATHER.function.parameters;
    const body = await completion(
      await chat(
        chatRequest("weather?", {
          response_format: { type: "json_schema", json_schema: { name: "w", schema } },
        }),
      ),
    );
    const parsed: unknown = JSON.parse(body.choices[0]?.message.content ?? "");
    expect(validAgainst(schema, parsed)).toBe(true);
  });
});

describe("chat stream grammar", () => {
  it("with include_usage: one id, role first, finish last, a usage chunk with choices [], [DONE] once", async () => {
    const frames = await chunksOf(
      await chat(chatRequest("tell me a story", { stream: true, stream_options: { include_usage: true } })),
    );
    const chunks = expectChatGrammar(frames, true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "", refusal: null });
    const contents = chunks
      .flatMap((c) => c.choices.map((ch) => ch.delta.content ?? ""))
      .filter((t) => t !== "");
    expect(contents.length).toBeGreaterThanOrEqual(3);
    expect(contents.join("")).toBe("Hello from mock. You said: tell me a story");
    expect(chunks.at(-2)?.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
  });

  it("without include_usage (absent or false): no usage anywhere", async () => {
    for (const extra of [{}, { stream_options: { include_usage: false } }]) {
      const frames = await chunksOf(await chat(chatRequest("hi", { stream: true, ...extra })));
      expectChatGrammar(frames, false);
      expect(foldChat(frames).usage).toBeNull();
    }
  });

  it("the non-streamed completion equals the folded stream (text, tools, reasoning)", async () => {
    const cases = [
      chatRequest("hello there"),
      chatRequest("go [[mock:tool count=2]]", { tools: TOOLS }),
      chatRequest("think", { reasoning_effort: "high" }),
      chatRequest("a long answer please", { max_completion_tokens: 5 }),
    ];
    for (const body of cases) {
      const json = await completion(await chat(body));
      const frames = await chunksOf(
        await chat({ ...body, stream: true, stream_options: { include_usage: true } }),
      );
      const chunks = expectChatGrammar(frames, true);
      const folded = foldChat(frames);
      const choice = json.choices[0]!;
      expect(folded.role).toBe(choice.message.role);
      expect(folded.content).toBe(choice.message.content);
      expect(folded.finish_reason).toBe(choice.finish_reason);
      expect(folded.usage).toEqual(json.usage);
      expect(withoutIds(folded.tool_calls)).toEqual(withoutIds(choice.message.tool_calls ?? []));
      expect(chunks[0]?.model).toBe(json.model);
    }
  });
});

describe("chat tool calls", () => {
  const args = (call: { function: { arguments: string } } | undefined): unknown =>
    JSON.parse(call?.function.arguments ?? "");

  it("the tool scenario: a short text, then a call whose arguments are valid against the schema", async () => {
    const body = await completion(await chat(chatRequest("weather? [[mock:tool]]", { tools: TOOLS })));
    const choice = body.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBe("I'll call the get_weather tool.");
    const [call] = choice.message.tool_calls ?? [];
    expect(call).toMatchObject({ id: expect.stringMatching(/^call_mock_\d+_0$/), type: "function" });
    expect(call?.function.name).toBe("get_weather");
    expect(validAgainst(WEATHER.function.parameters, args(call))).toBe(true);
    expect(body.usage.completion_tokens).toBe(
      tokens("I'll call the get_weather tool.", call!.function.arguments),
    );
  });

  it("streams each call on its index: id/type/name first with arguments '', then ≥ 2 argument fragments", async () => {
    const frames = await chunksOf(
      await chat(chatRequest("[[mock:tool count=2]]", { tools: TOOLS, stream: true })),
    );
    const chunks = expectChatGrammar(frames, false);
    const fragments = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    for (const index of [0, 1]) {
      const mine = fragments.filter((f) => f.index === index);
      expect(mine[0]).toMatchObject({
        id: expect.any(String),
        type: "function",
        function: { arguments: "" },
      });
      expect(mine.length).toBeGreaterThanOrEqual(3);
      for (const later of mine.slice(1)) expect(Object.keys(later).sort()).toEqual(["function", "index"]);
    }
    const folded = foldChat(frames);
    expect(folded.tool_calls.map((c) => c.function.name)).toEqual(["get_weather", "shell"]);
    expect(new Set(folded.tool_calls.map((c) => c.id)).size).toBe(2);
    expect(validAgainst(SHELL.function.parameters, args(folded.tool_calls[1]))).toBe(true);
    expect(folded.finish_reason).toBe("tool_calls");
  });

  it("name= picks the tool; count=3 calls it three times; parallel_tool_calls:false keeps one", async () => {
    const three = await completion(
      await chat(chatRequest("[[mock:tool name=shell count=3]]", { tools: TOOLS })),
    );
    expect(three.choices[0]?.message.tool_calls?.map((c) => c.function.name)).toEqual([
      "shell",
      "shell",
      "shell",
    ]);
    const one = await completion(
      await chat(chatRequest("[[mock:tool count=3]]", { tools: TOOLS, parallel_tool_calls: false })),
    );
    expect(one.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it("tool_choice forces a call without text: required, a named function, allowed_tools required", async () => {
    for (const [tool_choice, name] of [
      ["required", "get_weather"],
      [{ type: "function", function: { name: "shell" } }, "shell"],
      [
        {
          type: "allowed_tools",
          allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "shell" } }] },
        },
        "shell",
      ],
    ] as const) {
      const body = await completion(await chat(chatRequest("hi", { tools: TOOLS, tool_choice })));
      expect(body.choices[0]?.message.content).toBeNull();
      expect(body.choices[0]?.message.tool_calls?.map((c) => c.function.name)).toEqual([name]);
      expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    }
  });

  it("no call with tool_choice none, without tools, or after a tool output", async () => {
    const none = await completion(
      await chat(chatRequest("hi [[mock:tool]]", { tools: TOOLS, tool_choice: "none" })),
    );
    expect(none.choices[0]?.finish_reason).toBe("stop");
    const noTools = await completion(await chat(chatRequest("hi [[mock:tool]]")));
    expect(noTools.choices[0]?.message.content).toBe("Hello from mock. You said: hi");
    const after = await completion(
      await chat({
        model: "gpt-5.4",
        tools: TOOLS,
        messages: [
          { role: "user", content: "weather [[mock:tool]]" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "c", type: "function", function: { name: "get_weather", arguments: "{}" } }],
          },
          { role: "tool", tool_call_id: "c", content: [{ type: "text", text: "rainy" }] },
        ],
      }),
    );
    expect(after.choices[0]?.message.content).toBe("Mock received the tool result: rainy");
  });

  it("an unknown tool name is a 400", async () => {
    const scenario = await chat(chatRequest("[[mock:tool name=nope]]", { tools: TOOLS }));
    expect(scenario.status).toBe(400);
    const forced = await chat(
      chatRequest("hi", { tools: TOOLS, tool_choice: { type: "function", function: { name: "nope" } } }),
    );
    expect(forced.status).toBe(400);
    expect((await forced.json<OpenAiErrorBody>()).error).toMatchObject({
      param: "tool_choice",
      type: "invalid_request_error",
    });
  });
});

describe("chat reasoning and limits", () => {
  it("reasoning_effort adds hidden reasoning tokens to completion_tokens", async () => {
    const body = await completion(await chat(chatRequest("why", { reasoning_effort: "medium" })));
    const text = "Hello from mock. You said: why";
    const reasoning = tokens(REASONING("why"));
    expect(reasoning).toBeGreaterThan(0);
    expect(body.choices[0]?.message.content).toBe(text);
    expect(JSON.stringify(body)).not.toContain("Considering");
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(reasoning);
    expect(body.usage.completion_tokens).toBe(reasoning + tokens(text));
    const none = await completion(await chat(chatRequest("why", { reasoning_effort: "none" })));
    expect(none.usage.completion_tokens_details.reasoning_tokens).toBe(0);
  });

  it("max_completion_tokens / max_tokens cut the text: finish_reason length", async () => {
    for (const limit of [{ max_completion_tokens: 4 }, { max_tokens: 4 }]) {
      const body = await completion(await chat(chatRequest("a long message to echo back", limit)));
      expect(body.choices[0]?.finish_reason).toBe("length");
      expect(body.choices[0]?.message.content).toBe("Hello from mock.");
      expect(body.usage.completion_tokens).toBe(4);
    }
  });

  it("reasoning counts against the limit: it can use it all, leaving content ''", async () => {
    const body = await completion(
      await chat(chatRequest("hi", { reasoning_effort: "low", max_completion_tokens: 10 })),
    );
    expect(body.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "" } });
    expect(body.usage).toMatchObject({
      completion_tokens: 10,
      completion_tokens_details: { reasoning_tokens: 10 },
    });
  });
});

describe("chat prompt-cache simulation", () => {
  const big = () => `${nonce()} ${"abcd ".repeat(1000)}`; // ≈ 1260 tokens

  it("the second identical request within 5 minutes reads the prompt, rounded down to 128", async () => {
    const body = chatRequest(big());
    const first = await completion(await chat(body));
    const prompt = first.usage.prompt_tokens;
    expect(prompt).toBeGreaterThanOrEqual(1024);
    expect(first.usage.prompt_tokens_details.cached_tokens).toBe(0);
    const second = await completion(await chat(body));
    expect(second.usage.prompt_tokens).toBe(prompt);
    expect(second.usage.prompt_tokens_details.cached_tokens).toBe(Math.floor(prompt / 128) * 128);
  });

  it("a longer conversation reads the earlier prefix; a prompt under 1024 tokens never caches", async () => {
    const text = big();
    const first = await completion(await chat(chatRequest(text)));
    const longer = await completion(
      await chat({
        model: "gpt-5.4",
        messages: [
          { role: "user", content: text },
          { role: "assistant", content: "ok" },
          { role: "user", content: "more" },
        ],
      }),
    );
    expect(longer.usage.prompt_tokens_details.cached_tokens).toBe(
      Math.floor(first.usage.prompt_tokens / 128) * 128,
    );
    const small = chatRequest(`${nonce()} small`);
    await chat(small);
    expect((await completion(await chat(small))).usage.prompt_tokens_details.cached_tokens).toBe(0);
  });

  it("prompt_cache_key scopes the cache; the model does too", async () => {
    const body = chatRequest(big(), { prompt_cache_key: "conv-a" });
    await chat(body);
    const otherKey = await completion(await chat({ ...body, prompt_cache_key: "conv-b" }));
    expect(otherKey.usage.prompt_tokens_details.cached_tokens).toBe(0);
    const otherModel = await completion(await chat({ ...body, model: "gpt-5.5" }));
    expect(otherModel.usage.prompt_tokens_details.cached_tokens).toBe(0);
    const same = await completion(await chat(body));
    expect(same.usage.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
  });
});
