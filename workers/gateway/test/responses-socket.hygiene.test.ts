import { createExecutionContext, env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SOCKET_LIMITS, type SocketLimits } from "../src/responses-socket/limits.ts";
import { openResponsesSocket } from "../src/responses-socket/upgrade.ts";
import { responses } from "../src/routes/openai-responses.ts";
import { adminFetch, newAccountWithKey, usageRows } from "./helpers.ts";
import { accountStub, expectBooksBalance } from "./metering.helpers.ts";
import { openSocket, TestSocket, upgradeRequest } from "./socket.helpers.ts";

/** A socket opened by the upgrade handler itself, with these limits (production's otherwise). */
async function openWith(key: string, limits: Partial<SocketLimits>, headers: Record<string, string> = {}) {
  const res = await openResponsesSocket(
    upgradeRequest(key, headers),
    env,
    createExecutionContext(),
    responses,
    {
      ...SOCKET_LIMITS,
      ...limits,
    },
  );
  expect(res.status).toBe(101);
  return new TestSocket(res.webSocket!);
}

describe("a socket closed mid-response", () => {
  it.each(["gpt-5.5", "claude-sonnet-4-6"])(
    "on %s: the upstream is cancelled and the response billed by the abnormal-end rule",
    async (model) => {
      const caller = await newAccountWithKey();
      // Each upstream chunk 200 ms after the last: the socket closes after the first delta.
      const socket = await openSocket(caller.key, { "x-mock-scenario": "slow; delay=200" });
      socket.create({ model, input: "Tell me a long story" });
      for (;;) {
        const event = await socket.next();
        if (event?.type === "response.output_text.delta") break;
      }
      socket.close();
      const { charged } = await expectBooksBalance(caller.accountId);
      const [row] = await usageRows(caller.accountId);
      expect(row).toMatchObject({ model, outcome: "client_hangup" });
      // The prompt was read and one delta relayed: both billed, never more than was served.
      expect(Number(row!.input_tokens)).toBeGreaterThan(0);
      expect(Number(row!.output_tokens)).toBeGreaterThan(0);
      expect(charged).toBe(Number(row!.cost_nano));
      expect(charged).toBeGreaterThan(0);
    },
  );
});

describe("connection hygiene", () => {
  it("an idle socket is closed cleanly (1000), and its key's slot is free again", async () => {
    const caller = await newAccountWithKey();
    const socket = await openWith(caller.key, { idleMs: 50, perKey: 1 });
    expect(await socket.whenClosed()).toEqual({ code: 1000, reason: "idle timeout" });
    const next = await openWith(caller.key, { perKey: 1 });
    next.close();
  });

  it("bounds the sockets a key holds open: one more is refused with 429, a closed one frees its slot", async () => {
    const caller = await newAccountWithKey();
    const first = await openWith(caller.key, { perKey: 2 });
    const second = await openWith(caller.key, { perKey: 2 });
    await expect(
      openResponsesSocket(upgradeRequest(caller.key), env, createExecutionContext(), responses, {
        ...SOCKET_LIMITS,
        perKey: 2,
      }),
    ).rejects.toMatchObject({ status: 429, message: expect.stringMatching(/at most 2/) });
    first.close();
    await first.whenClosed();
    const third = await eventuallyOpen(caller.key, { perKey: 2 });
    second.close();
    third.close();
  });

  it("at the end of its life, a socket finishes the response in flight, refuses the next message, and closes", async () => {
    const caller = await newAccountWithKey();
    const socket = await openWith(caller.key, { maxSessionMs: 100 }, { "x-mock-scenario": "slow; delay=60" });
    socket.create({ model: "gpt-5.5", input: "A slow one" });
    socket.create({ model: "gpt-5.5", input: "One too many" });
    const first = await socket.response();
    expect(first.at(-1)?.type).toBe("response.completed");
    expect(await socket.response()).toMatchObject([
      { type: "error", status: 400, error: { code: "websocket_connection_limit_reached" } },
    ]);
    expect(await socket.whenClosed()).toEqual({ code: 1000, reason: "session length limit reached" });
    expect(await usageRows(caller.accountId)).toHaveLength(1);
  });

  it("a key revoked while its socket is open: the next message gets 401 and the socket closes (1008)", async () => {
    const caller = await newAccountWithKey();
    const socket = await openSocket(caller.key);
    socket.create({ model: "gpt-5.5", input: "Before" });
    expect((await socket.response()).at(-1)?.type).toBe("response.completed");
    expect((await adminFetch(`/keys/${caller.keyId}/revoke`, { method: "POST" })).status).toBe(200);
    socket.create({ model: "gpt-5.5", input: "After" });
    expect(await socket.response()).toMatchObject([{ type: "error", status: 401 }]);
    expect((await socket.whenClosed()).code).toBe(1008);
    expect(await usageRows(caller.accountId)).toHaveLength(1);
    // And a revoked key cannot open a new one.
    expect((await exports.default.fetch(upgradeRequest(caller.key))).status).toBe(401);
  });

  it("a binary message closes the socket (1003); nothing is billed", async () => {
    const caller = await newAccountWithKey();
    const socket = await openSocket(caller.key);
    socket.ws.send(new Uint8Array([1, 2, 3]));
    expect((await socket.whenClosed()).code).toBe(1003);
    expect(await usageRows(caller.accountId)).toHaveLength(0);
    expect((await accountStub(caller.accountId).state(caller.accountId))?.reservedNano).toBe(0);
  });
});

/** Opens a socket once the account's object has seen the last one close (its lease returned). */
async function eventuallyOpen(key: string, limits: Partial<SocketLimits>): Promise<TestSocket> {
  for (let i = 0; ; i++) {
    try {
      const res = await openResponsesSocket(upgradeRequest(key), env, createExecutionContext(), responses, {
        ...SOCKET_LIMITS,
        ...limits,
      });
      return new TestSocket(res.webSocket!);
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
