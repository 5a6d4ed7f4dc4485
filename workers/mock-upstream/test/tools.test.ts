import { describe, expect, it } from "vitest";
import { expectGrammar, type MessageBody, parseSse, post, request, tokens, user } from "./helpers.ts";

const bash = {
  name: "bash",
  description: "Run a command",
  input_schema: {
    type: "object",
    properties: {
      command: { type: "string" },
      timeout: { type: "integer", minimum: 5 },
      verbose: { type: "boolean" },
      mode: { type: "string", enum: ["fast", "slow"] },
      env: { type: "object", properties: { HOME: { type: "string" } }, required: ["HOME"] },
      args: { type: "array", items: { type: "string" } },
      ratio: { type: ["number", "null"] },
      unused: { type: "string" },
    },
    required: ["command", "timeout", "verbose", "mode", "env", "args", "ratio"],
  },
};
const weather = {
  name: "get_weather",
  input_schema: { type: "object", properties: { city: { type: "string" } } },
};

describe("tool_use", () => {
  it("tool_choice {type:tool}: only a tool_use block, input valid against the schema", async () => {
    const body = request([user("list files")], {
      tools: [weather, bash],
      tool_choice: { type: "tool", name: "bash" },
    });
    const msg = await (await post("/v1/messages", body)).json<MessageBody>();
    expect(msg.stop_reason).toBe("tool_use");
    expect(msg.content).toHaveLength(1);
    const block = msg.content[0];
    expect(block).toMatchObject({ type: "tool_use", name: "bash" });
    expect(block?.id).toMatch(/^toolu_mock_/);
    expect(block?.input).toEqual({
      command: "echo mock",
      timeout: 5,
      verbose: true,
      mode: "fast",
      env: { HOME: "mock" },
      args: [],
      ratio: 1,
    });
    expect(msg.usage.output_tokens).toBe(tokens(JSON.stringify(block?.input)));
  });

  it("tool_choice {type:any} picks the first tool", async () => {
    const body = request([user("weather?")], { tools: [weather, bash], tool_choice: { type: "any" } });
    const msg = await (await post("/v1/messages", body)).json<MessageBody>();
    expect(msg.content).toEqual([
      { type: "tool_use", id: expect.any(String), name: "get_weather", input: {} },
    ]);
  });

  it("the tool scenario (header or directive) adds a short text, then the named tool", async () => {
    const viaHeader = await post("/v1/messages", request([user("go")], { tools: [weather, bash] }), {
      "x-mock-scenario": "tool; name=bash",
    });
    const viaDirective = await post(
      "/v1/messages",
      request([user("go [[mock:tool name=bash]]")], { tools: [weather, bash] }),
    );
    for (const res of [viaHeader, viaDirective]) {
      const msg = await res.json<MessageBody>();
      expect(msg.stop_reason).toBe("tool_use");
      expect(msg.content.map((b) => [b.type, b.name])).toEqual([
        ["text", undefined],
        ["tool_use", "bash"],
      ]);
    }
  });

  it("streams the tool input as input_json_delta pieces that concatenate to the input", async () => {
    const body = request([user("go")], { tools: [bash], stream: true });
    const frames = parseSse(await (await post("/v1/messages", body, { "x-mock-scenario": "tool" })).text());
    expectGrammar(frames);
    const start = frames.find((f) => f.event === "content_block_start" && f.data.index === 1);
    expect(start?.data.content_block).toEqual({
      type: "tool_use",
      id: expect.any(String),
      name: "bash",
      input: {},
    });
    const pieces = frames
      .filter((f) => f.data.index === 1 && f.data.delta?.type === "input_json_delta")
      .map((f) => f.data.delta?.partial_json ?? "");
    expect(pieces[0]).toBe("");
    expect(pieces.length).toBeGreaterThan(2);
    const json = await (
      await post("/v1/messages", { ...body, stream: false }, { "x-mock-scenario": "tool" })
    ).json<MessageBody>();
    expect(JSON.parse(pieces.join(""))).toEqual(json.content[1]?.input);
    expect(frames.find((f) => f.event === "message_delta")?.data.delta?.stop_reason).toBe("tool_use");
  });

  it("completes a round trip: a tool_result is answered with text and end_turn", async () => {
    const messages = [
      user("go"),
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_1", name: "bash", input: { command: "ls" } }],
      },
      user([{ type: "tool_result", tool_use_id: "toolu_1", content: "file-a.txt\nfile-b.txt" }]),
    ];
    const res = await post("/v1/messages", request(messages, { tools: [bash] }), {
      "x-mock-scenario": "tool",
    });
    const msg = await res.json<MessageBody>();
    expect(msg.stop_reason).toBe("end_turn");
    expect(msg.content).toEqual([
      { type: "text", text: "Mock received the tool result: file-a.txt\nfile-b.txt" },
    ]);
  });

  it("tool_choice naming a missing tool is a 400", async () => {
    const body = request([user("go")], { tools: [bash], tool_choice: { type: "tool", name: "nope" } });
    expect((await post("/v1/messages", body)).status).toBe(400);
  });
});
