import { describe, expect, it } from "vitest";
import { SocketLeases } from "../src/account/socket-leases.ts";
import { ConnectionConversation } from "../src/responses-socket/conversation.ts";
import { messageHeaders, readClientMessage } from "../src/responses-socket/protocol.ts";

describe("SocketLeases", () => {
  it("holds at most `limit` sockets per key, frees a returned lease, and drops an expired one by itself", () => {
    const leases = new SocketLeases();
    expect(leases.take("k", "a", 2, 0, 1000)).toBe(true);
    expect(leases.take("k", "b", 2, 10, 1000)).toBe(true);
    expect(leases.take("k", "c", 2, 20, 1000)).toBe(false);
    // Another key has its own count.
    expect(leases.take("other", "x", 2, 20, 1000)).toBe(true);
    leases.give("k", "a");
    leases.give("k", "a");
    expect(leases.open("k", 30)).toBe(1);
    expect(leases.take("k", "c", 2, 30, 1000)).toBe(true);
    // b, taken at 10 for 1000 ms, lapses at 1010: its Worker never returned it.
    expect(leases.open("k", 1009)).toBe(2);
    expect(leases.open("k", 1010)).toBe(1);
  });
});

describe("messages", () => {
  it("a response.create becomes a streamed Responses body; anything else is refused naming the field", () => {
    expect(readClientMessage('{"type":"response.create","model":"m","input":"hi","stream":false}')).toEqual({
      ok: true,
      message: { generate: true, body: { model: "m", input: "hi", stream: true } },
    });
    expect(readClientMessage('{"type":"response.create","model":"m","generate":false}')).toMatchObject({
      ok: true,
      message: { generate: false, body: { model: "m", stream: true } },
    });
    expect(readClientMessage("[1]")).toEqual({ ok: false, message: "The message must be a JSON object." });
    expect(readClientMessage('{"type":"session.update"}')).toMatchObject({ ok: false, param: "type" });
  });

  it("each message's headers: the upgrade's, without the handshake's own and the WebSocket beta", () => {
    const headers = messageHeaders(
      new Headers({
        authorization: "Bearer sk-cc-x",
        "sec-websocket-key": "abc",
        "sec-websocket-version": "13",
        "sec-websocket-extensions": "permessage-deflate",
        "openai-beta": "responses_websockets=2026-02-06, other=1",
        "x-codex-turn-metadata": "{}",
      }),
    );
    expect(Object.fromEntries(headers)).toEqual({
      authorization: "Bearer sk-cc-x",
      "openai-beta": "other=1",
      "x-codex-turn-metadata": "{}",
      "content-type": "application/json",
    });
  });
});

describe("ConnectionConversation", () => {
  const user = (text: string) => ({ type: "message", role: "user", content: text });

  it("expands a continuation of its latest response into the whole conversation, for every model", () => {
    const conversation = new ConnectionConversation();
    conversation.remember("resp_1", [user("a"), { type: "message", role: "assistant", content: "b" }], false);
    for (const family of ["openai", "anthropic"] as const) {
      const { body, context } = conversation.continueFrom(
        { model: "m", previous_response_id: "resp_1", input: "c", store: false },
        family,
      );
      expect(body).toEqual({
        model: "m",
        store: false,
        input: [user("a"), { type: "message", role: "assistant", content: "b" }, user("c")],
      });
      expect(context).toEqual(body.input);
    }
  });

  it("leaves a response OpenAI stored to OpenAI, and refuses an id it does not hold for other vendors", () => {
    const conversation = new ConnectionConversation();
    conversation.remember("resp_stored", [user("a")], true);
    const gpt = conversation.continueFrom(
      { model: "m", previous_response_id: "resp_stored", input: "b" },
      "openai",
    );
    expect(gpt.body.previous_response_id).toBe("resp_stored");
    expect(gpt.context).toEqual([user("a"), user("b")]);
    // An id from elsewhere: OpenAI's to look up (admission checks the account owns it first).
    expect(
      conversation.continueFrom({ model: "m", previous_response_id: "resp_old", input: "b" }, "openai")
        .context,
    ).toBeNull();
    expect(() =>
      conversation.continueFrom({ model: "m", previous_response_id: "resp_old", input: "b" }, "anthropic"),
    ).toThrow("Previous response with id 'resp_old' not found.");
  });
});
