/**
 * A Codex-like session, over each transport Codex has: a long developer message, then turns
 * that each add one user message. Over HTTP every turn POSTs the whole conversation; over the
 * WebSocket the session opens a socket, warms it up (`generate: false`) and sends each turn with
 * `previous_response_id` and only its new item (what Codex's built-in provider does). Measured:
 * the session's first token (from the session's start: connection, warm-up and first turn), and
 * each later turn's time to first token (from sending it to its first output_text delta).
 */
import { type Quantiles, quantiles } from "./load.ts";

export type Transport = "websocket" | "http";

export interface SessionRecord {
  transport: Transport;
  model: string;
  sessions: number;
  turns: number;
  /** Session start → the first turn's first token, ms. */
  firstToken: Quantiles;
  /** A later turn sent → its first token, ms. */
  turnTtft: Quantiles;
  /** Session start → the last turn's terminal event, ms. */
  session: Quantiles;
  /** Bytes the client sent per session (request bodies or messages). */
  bytesSentPerSession: number;
  errors: number;
  firstError?: string;
}

type Json = Record<string, unknown>;

/** Codex's instructions are tens of KB; the bench's stand-in is 24 KB. */
const INSTRUCTIONS = `You are a coding agent. ${"Follow the repository's conventions and keep changes small. ".repeat(400)}`;
const developer = {
  type: "message",
  role: "developer",
  content: [{ type: "input_text", text: INSTRUCTIONS }],
};
const userTurn = (i: number) => ({
  type: "message",
  role: "user",
  content: [{ type: "input_text", text: `Turn ${i}: what next?` }],
});
const utf8 = new TextEncoder();

interface Turn {
  firstTokenAt: number;
  output: Json[];
  id?: string;
}

/** Reads Responses events (already split) until the terminal one; records the first delta and the output. */
function turnReader(start: number) {
  const turn: Turn = { firstTokenAt: Number.NaN, output: [] };
  return {
    turn,
    /** True once the response ended. */
    onEvent(data: string): boolean {
      const event = JSON.parse(data) as {
        type: string;
        item?: Json;
        response?: { id?: string };
        error?: unknown;
      };
      if (event.type === "response.output_text.delta" && Number.isNaN(turn.firstTokenAt))
        turn.firstTokenAt = performance.now() - start;
      if (event.type === "response.output_item.done" && event.item) turn.output.push(event.item);
      if (event.type === "response.completed" || event.type === "response.incomplete") {
        turn.id = event.response?.id;
        return true;
      }
      if (event.type === "error" || event.type === "response.failed")
        throw new Error(`turn failed: ${data.slice(0, 300)}`);
      return false;
    },
  };
}

async function httpSession(gateway: string, key: string, model: string, turns: number) {
  const start = performance.now();
  const input: Json[] = [developer];
  let sent = 0;
  const ttft: number[] = [];
  for (let i = 0; i < turns; i++) {
    input.push(userTurn(i));
    const body = utf8.encode(JSON.stringify({ model, input, stream: true, store: false }));
    sent += body.byteLength;
    const t0 = performance.now();
    const res = await fetch(`${gateway}/api/proxy/v1/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const reader = turnReader(i === 0 ? start : t0);
    const text = await res.text();
    let ended = false;
    for (const frame of text.split("\n\n")) {
      const data = frame
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (data && reader.onEvent(data)) ended = true;
    }
    if (!ended) throw new Error("stream ended without response.completed");
    ttft.push(reader.turn.firstTokenAt);
    input.push(...reader.turn.output.map(({ id: _id, ...item }) => item));
  }
  return { ttft, sessionMs: performance.now() - start, sent };
}

async function socketSession(gateway: string, key: string, model: string, turns: number) {
  const start = performance.now();
  const ws = new WebSocket(`${gateway.replace(/^http/, "ws")}/api/proxy/v1/responses`, {
    headers: { authorization: `Bearer ${key}`, "openai-beta": "responses_websockets=2026-02-06" },
  } as unknown as string[]);
  const inbox: string[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  ws.addEventListener("message", (ev) => {
    inbox.push(String(ev.data));
    wake?.();
  });
  ws.addEventListener("close", () => {
    failure ??= new Error("socket closed");
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error("upgrade failed")), { once: true });
  });
  const next = async (): Promise<string> => {
    for (;;) {
      const message = inbox.shift();
      if (message !== undefined) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  };
  const exchange = async (message: Json, from: number): Promise<Turn> => {
    const text = JSON.stringify({ type: "response.create", ...message });
    sent += utf8.encode(text).byteLength;
    ws.send(text);
    const reader = turnReader(from);
    while (!reader.onEvent(await next()));
    return reader.turn;
  };
  let sent = 0;
  const ttft: number[] = [];
  try {
    let previous = (await exchange({ model, generate: false, store: false, input: [developer] }, start)).id;
    for (let i = 0; i < turns; i++) {
      const t0 = performance.now();
      const turn = await exchange(
        { model, store: false, previous_response_id: previous, input: [userTurn(i)] },
        i === 0 ? start : t0,
      );
      ttft.push(turn.firstTokenAt);
      previous = turn.id;
    }
  } finally {
    ws.close(1000);
  }
  return { ttft, sessionMs: performance.now() - start, sent };
}

/** Runs `sessions` sessions of `turns` turns, one after the other, on each transport. */
export async function runSessions(
  gateway: string,
  key: string,
  options: { model: string; sessions: number; turns: number },
): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  for (const transport of ["http", "websocket"] as const) {
    const first: number[] = [];
    const later: number[] = [];
    const totals: number[] = [];
    let sent = 0;
    let errors = 0;
    let firstError: string | undefined;
    // One unmeasured session first: isolates warm, connections pooled.
    for (let s = -1; s < options.sessions; s++) {
      try {
        const run = transport === "http" ? httpSession : socketSession;
        const r = await run(gateway, key, options.model, options.turns);
        if (s < 0) continue;
        first.push(r.ttft[0]!);
        later.push(...r.ttft.slice(1));
        totals.push(r.sessionMs);
        sent += r.sent;
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
    out.push({
      transport,
      model: options.model,
      sessions: options.sessions,
      turns: options.turns,
      firstToken: quantiles(first),
      turnTtft: quantiles(later),
      session: quantiles(totals),
      bytesSentPerSession: totals.length ? sent / totals.length : Number.NaN,
      errors,
      ...(firstError ? { firstError } : {}),
    });
  }
  return out;
}
