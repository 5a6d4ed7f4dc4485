/**
 * Bodies that go wrong after a 200, for the scenarios that test the gateway's metering of them:
 * `reset` (the connection drops: the body stream errors midway), `garbled` (the body is not
 * what the content type says), `cut` (the body just ends early, handled by each route).
 */
import { chunkStream } from "./anthropic/stream.ts";

/** A body whose stream sends `chunks` and then fails, as a reset connection does. */
export function resetBody(chunks: string[]): ReadableStream<Uint8Array> {
  const inner = chunkStream(chunks).getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await inner.read();
        if (done) controller.error(new Error("mock: connection reset"));
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A non-streamed 200 whose JSON is cut by a reset connection. */
export function resetJson(json: string): Response {
  return new Response(resetBody([json.slice(0, Math.floor(json.length / 2))]), {
    headers: { "content-type": "application/json" },
  });
}

/** What a broken intermediary sends instead of JSON, with a 200. */
export const GARBLED_JSON = "<html><body>upstream connect error</body></html>";

/** An SSE frame that is not JSON: a stream corrupted in transit. */
export const GARBLED_FRAME = 'event: message\ndata: {"type": garbled\n\n';

export function garbledJson(): Response {
  return new Response(GARBLED_JSON, { headers: { "content-type": "application/json" } });
}

export function sseBody(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}
