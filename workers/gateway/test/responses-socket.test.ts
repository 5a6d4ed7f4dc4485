import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  BASE,
  clearMockRequests,
  eventually,
  mockRequests,
  newAccountWithKey,
  type TestKey,
  usageRows,
} from "./helpers.ts";
import { costOf, expectBooksBalance } from "./metering.helpers.ts";
import { deltasText, openSocket, type SocketEvent, upgradeRequest } from "./socket.helpers.ts";

const MODELS = ["gpt-5.5", "claude-sonnet-4-6"] as const;

/** A function tool, as Codex offers its shell. */
const SHELL = {
  type: "function",
  name: "shell",
  description: "Runs a command",
  parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
};
const developer = (text: string) => ({
  type: "message",
  role: "developer",
  content: [{ type: "input_text", text }],
});
const user = (text: string) => ({ type: "message", role: "user", content: [{ type: "input_text", text }] });

const terminal = (events: SocketEvent[]) => events.at(-1)!;
const completedResponse = (events: SocketEvent[]) => {
  const last = terminal(events);
  expect(last.type, JSON.stringify(last)).toBe("response.completed");
  return last.response as { id: string; usage: { input_tokens: number; output_tokens: number } };
};

/** The Responses bodies the mock upstream received since it was cleared, oldest first. */
const upstreamBodies = async () =>
  (await mockRequests())
    .filter((r) => r.path.endsWith("/v1/responses") || r.path.endsWith("/v1/messages"))
    .map((r) => r.body as Record<string, unknown>);

describe("the upgrade", () => {
  it("answers 401 in OpenAI's shape, without a socket, for an invalid or a missing key", async () => {
    for (const key of ["sk-cc-notarealkeynotarealkeynotarealkey00", undefined]) {
      const res = await exports.default.fetch(upgradeRequest(key));
      expect(res.status).toBe(401);
      expect(res.webSocket).toBeNull();
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/API key/);
    }
  });

  it("a GET without the upgrade is still no route (404)", async () => {
    const caller = await newAccountWithKey();
    const res = await exports.default.fetch(`${BASE}/api/proxy/v1/responses`, {
      headers: { authorization: `Bearer ${caller.key}` },
    });
    expect(res.status).toBe(404);
  });
});

describe.each(MODELS)("Responses over a WebSocket on %s", (model) => {
  it("runs each response.create as its own metered request: its events, its usage row, its exact charge", async () => {
    const caller = await newAccountWithKey();
    const socket = await openSocket(caller.key);
    socket.create({ model, input: "First question", store: false });
    const first = await socket.response();
    expect(first[0]?.type).toBe("response.created");
    expect(deltasText(first)).toContain("First question");
    const firstResponse = completedResponse(first);
    socket.create({ model, input: "Second question", store: false });
    const second = await socket.response();
    expect(deltasText(second)).toContain("Second question");
    const secondResponse = completedResponse(second);
    expect(secondResponse.id).not.toBe(firstResponse.id);
    socket.close();

    const { charged } = await expectBooksBalance(caller.accountId);
    const rows = await usageRows(caller.accountId);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    for (const [row, response] of [
      [rows[0]!, firstResponse],
      [rows[1]!, secondResponse],
    ] as const) {
      expect(row).toMatchObject({ model, format: "openai-responses", stream: 1, outcome: "ok", status: 200 });
      // What the client was told it used is what it is billed for.
      expect(row.input_tokens! as number).toBeGreaterThan(0);
      expect(Number(row.input_tokens) + Number(row.cache_read_tokens)).toBe(response.usage.input_tokens);
      expect(Number(row.output_tokens) + Number(row.thinking_tokens)).toBe(response.usage.output_tokens);
      expect(row.cost_nano).toBe(
        costOf(model, {
          input: Number(row.input_tokens),
          cacheRead: Number(row.cache_read_tokens),
          output: Number(row.output_tokens),
          thinking: Number(row.thinking_tokens),
        }),
      );
    }
    expect(charged).toBe(Number(rows[0]!.cost_nano) + Number(rows[1]!.cost_nano));
  });

  it("continues from previous_response_id with only the new items: the upstream gets the whole conversation", async () => {
    const caller = await newAccountWithKey();
    await clearMockRequests();
    const socket = await openSocket(caller.key);
    const base = { model, store: false, tools: [SHELL] };
    // Codex's opening: a warm-up (generate: false) with its instructions, answered at once.
    socket.create({ ...base, generate: false, input: [developer("You are a coding agent.")] });
    const warm = await socket.response();
    expect(warm.map((e) => e.type)).toEqual(["response.created", "response.completed"]);
    const warmId = completedResponse(warm).id;
    // The turn: only the new items, continuing from the warm-up.
    socket.create({ ...base, previous_response_id: warmId, input: [user("Run it [[mock:tool]]")] });
    const call = await socket.response();
    const callId = (
      call.find(
        (e) =>
          e.type === "response.output_item.done" && (e.item as { type: string }).type === "function_call",
      )?.item as { call_id: string } | undefined
    )?.call_id;
    expect(callId).toBeDefined();
    // The tool's output alone, continuing from the call.
    socket.create({
      ...base,
      previous_response_id: completedResponse(call).id,
      input: [{ type: "function_call_output", call_id: callId, output: "the notes say 42" }],
    });
    const answer = await socket.response();
    expect(deltasText(answer)).toMatch(/tool result: the notes say 42/);
    socket.close();

    const bodies = await upstreamBodies();
    // The warm-up reached no vendor: two upstream requests, neither naming a previous response.
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body.previous_response_id).toBeUndefined();
    const last = JSON.stringify(bodies[1]);
    for (const said of ["You are a coding agent.", "Run it [[mock:tool]]", callId!, "the notes say 42"])
      expect(last).toContain(said);
    const rows = await usageRows(caller.accountId);
    expect(rows.map((r) => r.outcome)).toEqual(["ok", "ok"]);
  });

  it("answers the vendor's not-found error for a previous response this connection does not hold, and charges nothing", async () => {
    const caller = await newAccountWithKey();
    const first = await openSocket(caller.key);
    first.create({ model, input: "Remember me", store: false });
    const id = completedResponse(await first.response()).id;
    first.close();
    // A new connection (a reconnect) holds nothing of the old one's conversation.
    const second = await openSocket(caller.key);
    second.create({ model, input: [user("And then?")], previous_response_id: id, store: false });
    const [error] = await second.response();
    expect(error).toMatchObject({
      type: "error",
      status: 400,
      error: {
        type: "invalid_request_error",
        code: "previous_response_not_found",
        param: "previous_response_id",
        message: `Previous response with id '${id}' not found.`,
      },
    });
    // The client starts over with the whole conversation, on the same socket.
    second.create({ model, input: [user("Remember me"), user("And then?")], store: false });
    expect(completedResponse(await second.response()).id).toBeDefined();
    second.close();
    expect(await usageRows(caller.accountId)).toHaveLength(2);
  });
});

describe("GPT responses stored at OpenAI (store: true)", () => {
  it("pass their id through to OpenAI on any connection of the account, and not on another account's", async () => {
    const owner = await newAccountWithKey();
    const stranger = await newAccountWithKey();
    const socket = await openSocket(owner.key);
    socket.create({ model: "gpt-5.5", input: "Keep this", store: true });
    const id = completedResponse(await socket.response()).id;
    socket.close();

    await clearMockRequests();
    const again = await openSocket(owner.key);
    again.create({ model: "gpt-5.5", input: [user("Go on")], previous_response_id: id, store: true });
    expect(deltasText(await again.response())).toContain("Go on");
    again.close();
    const [sent] = await upstreamBodies();
    expect(sent?.previous_response_id).toBe(id);

    const other = await openSocket(stranger.key);
    other.create({ model: "gpt-5.5", input: [user("Peek")], previous_response_id: id, store: true });
    const [error] = await other.response();
    expect(error).toMatchObject({
      type: "error",
      status: 400,
      error: { code: "previous_response_not_found" },
    });
    other.close();
    expect(await usageRows(stranger.accountId)).toHaveLength(0);
  });
});

describe("messages that are refused", () => {
  let caller: TestKey;

  it("a body that fails validation: an error event in the protocol's shape, nothing charged, the socket still serves", async () => {
    caller = await newAccountWithKey();
    const socket = await openSocket(caller.key);
    socket.create({ model: "gpt-5.5", input: 42 });
    const [invalid] = await socket.response();
    expect(invalid).toMatchObject({
      type: "error",
      status: 400,
      error: { type: "invalid_request_error", param: "input" },
    });
    expect((invalid!.headers as Record<string, string>)["x-request-id"]).toMatch(/^req_/);
    socket.create({ model: "no-such-model", input: "hi" });
    expect(await socket.response()).toMatchObject([
      { type: "error", status: 400, error: { type: "invalid_request_error", param: "model" } },
    ]);
    socket.send("not json");
    expect(await socket.response()).toMatchObject([
      { type: "error", status: 400, error: { message: "The message is not valid JSON." } },
    ]);
    socket.send({ type: "response.cancel" });
    expect(await socket.response()).toMatchObject([{ type: "error", status: 400, error: { param: "type" } }]);
    socket.create({ model: "gpt-5.5", input: "Still there?" });
    expect(deltasText(await socket.response())).toContain("Still there?");
    socket.close();
    const rows = await usageRows(caller.accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "ok" });
  });

  it("rate limits count each response on one socket; a warm-up is not a response", async () => {
    const limited = await newAccountWithKey({ rpm: 2 });
    const socket = await openSocket(limited.key);
    socket.create({ model: "gpt-5.5", generate: false, input: "warm" });
    completedResponse(await socket.response());
    for (const text of ["one", "two"]) {
      socket.create({ model: "gpt-5.5", input: text });
      completedResponse(await socket.response());
    }
    socket.create({ model: "gpt-5.5", input: "three" });
    const [limitedEvent] = await socket.response();
    expect(limitedEvent).toMatchObject({ type: "error", status: 429 });
    expect((limitedEvent!.error as { message: string }).message).toMatch(/2 requests per minute/);
    const headers = limitedEvent!.headers as Record<string, string>;
    expect(Number(headers["retry-after"])).toBeGreaterThan(0);
    expect(headers["x-ratelimit-limit-requests"]).toBe("2");
    expect(headers["x-ratelimit-remaining-requests"]).toBe("0");
    socket.close();
    expect(await usageRows(limited.accountId)).toHaveLength(2);
  });

  it("Codex's response.processed acknowledgement is taken without an answer; the next turn is served", async () => {
    const socket = await openSocket(caller.key);
    socket.create({ model: "gpt-5.5", input: "first" });
    const first = completedResponse(await socket.response());
    socket.send({ type: "response.processed", response_id: first.id });
    socket.create({ model: "gpt-5.5", input: "second" });
    const events = await socket.response();
    expect(events[0]?.type).toBe("response.created");
    expect(deltasText(events)).toContain("second");
    socket.close();
  });

  it("a stream the upstream breaks off ends with an error event carrying a status, billed, and the socket still serves", async () => {
    const cut = await newAccountWithKey();
    const socket = await openSocket(cut.key, { "x-mock-scenario": "cut" });
    socket.create({ model: "gpt-5.5", input: "hi" });
    // The relayed events, the stream's own flat error event, then the one a client fails its turn on.
    const events: SocketEvent[] = [];
    for (let e = await socket.next(); e; e = await socket.next()) {
      events.push(e);
      if (e.type === "error" && "status" in e) break;
    }
    expect(events[0]?.type).toBe("response.created");
    expect(events.some((e) => e.type === "response.completed")).toBe(false);
    expect(events.at(-2)).toMatchObject({ type: "error", code: "upstream_error" });
    expect(events.at(-1)).toMatchObject({
      type: "error",
      status: 502,
      error: { message: "The upstream stream ended before the response did." },
    });
    socket.create({ model: "gpt-5.5", input: "again" });
    expect((await socket.response())[0]?.type).toBe("response.created");
    socket.close();
    await socket.whenClosed();
    const rows = await eventually(async () => {
      const all = await usageRows(cut.accountId);
      return all.length === 2 ? all : undefined;
    });
    expect(rows.every((r) => r.outcome !== "ok")).toBe(true);
    await expectBooksBalance(cut.accountId);
  });

  it("an upstream's own refusal is relayed as an error event with its status and error", async () => {
    const socket = await openSocket(caller.key, { "x-mock-scenario": "error; status=404" });
    socket.create({ model: "gpt-5.5", input: "hi" });
    const [event] = await socket.response();
    // The vendor's own error object, as a passthrough relays it over HTTP.
    expect(event).toMatchObject({
      type: "error",
      status: 404,
      error: {
        type: "invalid_request_error",
        code: "model_not_found",
        message: expect.stringContaining("gpt-5.5"),
      },
    });
    socket.close();
  });
});
