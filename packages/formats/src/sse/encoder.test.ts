import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder } from "./decoder.ts";
import { encodeSse, encodeSseBytes, type SseMessage, sseEncoderStream } from "./encoder.ts";

const FIXTURES = new URL("../../../../fixtures/recorded/", import.meta.url);

const roundTrip = (m: SseMessage) => {
  const d = new SseDecoder();
  return d.push(encodeSseBytes(m)).concat(d.end());
};

describe("encodeSse", () => {
  it("writes event and data lines and a blank line", () => {
    expect(encodeSse({ event: "ping", data: '{"type":"ping"}' })).toBe(
      'event: ping\ndata: {"type":"ping"}\n\n',
    );
    expect(encodeSse({ data: "[DONE]" })).toBe("data: [DONE]\n\n");
  });

  it("splits multi-line data into several data lines (LF, CRLF, CR)", () => {
    expect(encodeSse({ data: "a\nb\r\nc\rd" })).toBe("data: a\ndata: b\ndata: c\ndata: d\n\n");
    expect(roundTrip({ event: "x", data: "a\n\nb\n" })).toEqual([{ event: "x", data: "a\n\nb\n" }]);
  });

  it("round-trips empty data and leading spaces", () => {
    expect(roundTrip({ data: "" })).toEqual([{ data: "" }]);
    expect(roundTrip({ data: " lead" })).toEqual([{ data: " lead" }]);
  });

  it("refuses an event name that would inject a line", () => {
    expect(() => encodeSse({ event: "a\ndata: b", data: "x" })).toThrow(RangeError);
  });

  it("re-encodes every Anthropic fixture byte for byte", () => {
    for (const name of ["a-text.sse", "a-tool-no-args.sse", "a-thinking-summarized.sse", "a-refusal.sse"]) {
      const text = readFileSync(new URL(name, FIXTURES), "utf8");
      const d = new SseDecoder();
      const events = d.push(new TextEncoder().encode(text));
      expect(events.map(encodeSse).join("")).toBe(text);
    }
  });
});

describe("sseEncoderStream", () => {
  it("encodes a stream of messages to UTF-8 bytes", async () => {
    const source = new ReadableStream<SseMessage>({
      start(c) {
        c.enqueue({ event: "a", data: "é" });
        c.enqueue({ data: "2" });
        c.close();
      },
    });
    const reader = source.pipeThrough(sseEncoderStream()).getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe("event: a\ndata: é\n\ndata: 2\n\n");
  });
});
