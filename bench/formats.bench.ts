/**
 * Micro-benchmarks of the streaming hot path's pure code, over a ~1 MiB Anthropic stream grown
 * from a recording (lib/corpus.ts). The report turns iterations/s into MB/s of upstream bytes.
 */
import { test } from "vitest";
import type { SseEvent } from "../packages/formats/src/index.ts";
import { anthropicStreamText, chunked } from "./lib/corpus.ts";
import { recordMicro, recordSkipped } from "./lib/micro-record.ts";
import { loadPackages } from "./lib/packages.ts";
import { chatTranslator, responsesTranslator, translateAll, translateSseStream } from "./lib/translators.ts";

const { formats } = await loadPackages();
const { AnthropicStreamUsage, SseDecoder } = formats;

const text = anthropicStreamText();
const perEvent = chunked(text, "event");
const coalesced = chunked(text, "coalesced");
const decodedEvents: SseEvent[] = (() => {
  const d = new SseDecoder();
  return perEvent.flatMap((c) => d.push(c)).concat(d.end());
})();

// Results go somewhere observable so that no work is optimised away.
let sink = 0;
const run = { time: 1000, warmupTime: 200 };

test("SSE parsing", async ({ bench }) => {
  const results = await bench.compare(
    bench("SseDecoder, one chunk per event", () => {
      const d = new SseDecoder();
      for (const c of perEvent) sink += d.push(c).length;
      sink += d.end().length;
    }),
    bench("SseDecoder, 16 KiB chunks", () => {
      const d = new SseDecoder();
      for (const c of coalesced) sink += d.push(c).length;
      sink += d.end().length;
    }),
    run,
  );
  recordMicro(results.get("SseDecoder, one chunk per event"));
  recordMicro(results.get("SseDecoder, 16 KiB chunks"));
});

test("usage tap", async ({ bench }) => {
  const results = await bench.compare(
    // What tapAnthropicStream does per chunk, minus the enqueue: parse, then follow usage.
    bench("usage tap: SseDecoder + AnthropicStreamUsage, one chunk per event", () => {
      const d = new SseDecoder();
      const usage = new AnthropicStreamUsage();
      for (const c of perEvent) for (const ev of d.push(c)) usage.onEvent(ev);
      for (const ev of d.end()) usage.onEvent(ev);
      sink += usage.usage().output;
    }),
    bench("AnthropicStreamUsage.onEvent over decoded events", () => {
      const usage = new AnthropicStreamUsage();
      for (const ev of decodedEvents) usage.onEvent(ev);
      sink += usage.usage().output;
    }),
    run,
  );
  recordMicro(results.get("usage tap: SseDecoder + AnthropicStreamUsage, one chunk per event"));
  recordMicro(results.get("AnthropicStreamUsage.onEvent over decoded events"));
});

const CHAT_EVENT = "Anthropic → OpenAI Chat stream translation, one chunk per event";
const CHAT_COALESCED = "Anthropic → OpenAI Chat stream translation, 16 KiB chunks";
const CHAT_PIPE = "Anthropic → OpenAI Chat via translateSseStream (TransformStream)";
const RESPONSES_EVENT = "Anthropic → OpenAI Responses stream translation, one chunk per event";

test("stream translation: OpenAI Chat", async ({ bench }) => {
  const chat = chatTranslator(formats);
  if (!chat.ok) {
    for (const name of [CHAT_EVENT, CHAT_COALESCED, CHAT_PIPE]) recordSkipped(name, chat.reason);
    return;
  }
  const t = chat.translator;
  const pipe = translateSseStream(formats);
  const results = await bench.compare(
    bench(CHAT_EVENT, () => {
      sink += translateAll(formats, t, perEvent);
    }),
    bench(CHAT_COALESCED, () => {
      sink += translateAll(formats, t, coalesced);
    }),
    run,
  );
  recordMicro(results.get(CHAT_EVENT));
  recordMicro(results.get(CHAT_COALESCED));
  if (!pipe) {
    recordSkipped(CHAT_PIPE, "@cc/formats exports no translateSseStream");
    return;
  }
  const piped = await bench(CHAT_PIPE, async () => {
    const { decoder, encoder } = t.make();
    let next = 0;
    const upstream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < perEvent.length) controller.enqueue(perEvent[next++]!);
        else controller.close();
      },
    });
    const reader = upstream.pipeThrough(pipe(decoder, encoder)).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sink += value.byteLength;
    }
  }).run(run);
  recordMicro(piped);
});

test("stream translation: OpenAI Responses", async ({ bench }) => {
  const responses = responsesTranslator(formats);
  if (!responses.ok) {
    recordSkipped(RESPONSES_EVENT, responses.reason);
    return;
  }
  const t = responses.translator;
  recordMicro(
    await bench(RESPONSES_EVENT, () => {
      sink += translateAll(formats, t, perEvent);
    }).run(run),
  );
});

test("keeps its results", () => {
  if (!Number.isFinite(sink)) throw new Error("unreachable: sink is a sum of counts");
});
