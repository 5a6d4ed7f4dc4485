/**
 * A bench-only upstream that streams long answers: N text deltas, D ms apart, in the wire
 * format of the route it is called on (Anthropic Messages, OpenAI Chat, OpenAI Responses).
 * The embedded mock splits its short answer into 3–6 deltas, too few to see a per-chunk cost.
 *
 * Shape of the stream: header `x-bench-stream: deltas=<N>; delay=<ms>` (defaults 200 and 5).
 * Every answer carries `x-bench-upstream-received-ms`: when the request arrived (Unix ms).
 * Each SSE event is written as its own chunk, as the vendors do. The request body is not read
 * beyond `stream: true|false`, so the upstream's own cost stays small and the same for every
 * scenario. No auth: it only ever runs inside the bench's Miniflare.
 */

interface Shape {
  deltas: number;
  delayMs: number;
}

const MAX_DELTAS = 100_000;

function shapeOf(headers: Headers): Shape {
  const shape: Shape = { deltas: 200, delayMs: 5 };
  for (const part of (headers.get("x-bench-stream") ?? "").split(";")) {
    const [k, v] = part.split("=").map((s) => s.trim());
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) continue;
    if (k === "deltas") shape.deltas = Math.min(MAX_DELTAS, Math.floor(n));
    if (k === "delay") shape.delayMs = n;
  }
  return shape;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const word = (i: number) => `tok${i % 1000} `;
const sse = (event: string | undefined, data: unknown) =>
  `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

/** One stream's events, generated lazily: the head, one per delta, the tail. */
interface Dialect {
  head(): string[];
  delta(i: number): string;
  tail(deltas: number, text: string): string[];
  json(deltas: number, text: string): unknown;
}

const anthropic = (model: string): Dialect => ({
  head: () => [
    sse("message_start", {
      type: "message_start",
      message: {
        id: "msg_bench",
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 12,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    }),
    sse("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    }),
    sse("ping", { type: "ping" }),
  ],
  delta: (i) =>
    sse("content_block_delta", {
      type: "content_block_delta",
      index: 0,
      delta: { type: "text_delta", text: word(i) },
    }),
  tail: (deltas) => [
    sse("content_block_stop", { type: "content_block_stop", index: 0 }),
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: deltas },
    }),
    sse("message_stop", { type: "message_stop" }),
  ],
  json: (deltas, text) => ({
    id: "msg_bench",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: 12,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: deltas,
    },
  }),
});

const chat = (model: string): Dialect => {
  const chunk = (delta: unknown, finish: string | null, usage?: unknown) => ({
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: 1_760_000_000,
    model,
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  });
  const usage = (deltas: number) => ({
    prompt_tokens: 12,
    completion_tokens: deltas,
    total_tokens: 12 + deltas,
  });
  return {
    head: () => [sse(undefined, chunk({ role: "assistant", content: "" }, null))],
    delta: (i) => sse(undefined, chunk({ content: word(i) }, null)),
    tail: (deltas) => [
      sse(undefined, chunk({}, "stop")),
      sse(undefined, chunk({}, null, usage(deltas))),
      sse(undefined, "[DONE]"),
    ],
    json: (deltas, text) => ({
      id: "chatcmpl-bench",
      object: "chat.completion",
      created: 1_760_000_000,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage: usage(deltas),
    }),
  };
};

const responses = (model: string): Dialect => {
  let seq = 0;
  const ev = (type: string, body: Record<string, unknown>) =>
    sse(type, { type, sequence_number: seq++, ...body });
  const response = (status: string, deltas: number, text: string | undefined) => ({
    id: "resp_bench",
    object: "response",
    created_at: 1_760_000_000,
    status,
    model,
    output:
      text === undefined
        ? []
        : [
            {
              id: "msg_bench",
              type: "message",
              status: "completed",
              role: "assistant",
              content: [{ type: "output_text", text, annotations: [] }],
            },
          ],
    usage: text === undefined ? null : { input_tokens: 12, output_tokens: deltas, total_tokens: 12 + deltas },
  });
  const ids = { item_id: "msg_bench", output_index: 0, content_index: 0 };
  return {
    head: () => [
      ev("response.created", { response: response("in_progress", 0, undefined) }),
      ev("response.output_item.added", {
        output_index: 0,
        item: { id: "msg_bench", type: "message", status: "in_progress", role: "assistant", content: [] },
      }),
      ev("response.content_part.added", { ...ids, part: { type: "output_text", text: "", annotations: [] } }),
    ],
    delta: (i) => ev("response.output_text.delta", { ...ids, delta: word(i) }),
    tail: (deltas, text) => [
      ev("response.output_text.done", { ...ids, text }),
      ev("response.content_part.done", { ...ids, part: { type: "output_text", text, annotations: [] } }),
      ev("response.output_item.done", {
        output_index: 0,
        item: {
          id: "msg_bench",
          type: "message",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text, annotations: [] }],
        },
      }),
      ev("response.completed", { response: response("completed", deltas, text) }),
    ],
    json: (deltas, text) => response("completed", deltas, text),
  };
};

function dialectFor(path: string): Dialect | undefined {
  if (path.endsWith("/v1/messages")) return anthropic("claude-sonnet-4-6");
  if (path.endsWith("/v1/chat/completions")) return chat("gpt-5.4-mini");
  if (path.endsWith("/v1/responses")) return responses("gpt-5.4-mini");
  return undefined;
}

const fullText = (deltas: number) => Array.from({ length: deltas }, (_, i) => word(i)).join("");

export default {
  async fetch(request: Request): Promise<Response> {
    const dialect = request.method === "POST" ? dialectFor(new URL(request.url).pathname) : undefined;
    if (!dialect) return new Response("not found", { status: 404 });
    const { deltas, delayMs } = shapeOf(request.headers);
    // Only `"stream":true` matters; a regex spares a JSON parse of the prompt.
    const stream = /"stream"\s*:\s*true/.test(await request.text());
    // When the request reached the upstream (workerd's clock: the time of the request event),
    // so the client can split its TTFB into "before the upstream" and "after".
    const headers = { "request-id": "req_bench_stream", "x-bench-upstream-received-ms": String(Date.now()) };
    if (!stream) return Response.json(dialect.json(deltas, fullText(deltas)), { headers });

    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const utf8 = new TextEncoder();
    const write = (s: string) => writer.write(utf8.encode(s));
    const pump = async () => {
      for (const s of dialect.head()) await write(s);
      for (let i = 0; i < deltas; i++) {
        if (delayMs > 0) await sleep(delayMs);
        await write(dialect.delta(i));
      }
      for (const s of dialect.tail(deltas, fullText(deltas))) await write(s);
      await writer.close();
    };
    // A client that hangs up makes write() reject: the pump just stops.
    pump().catch(() => writer.abort().catch(() => {}));
    return new Response(readable, {
      headers: {
        ...headers,
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
      },
    });
  },
};
