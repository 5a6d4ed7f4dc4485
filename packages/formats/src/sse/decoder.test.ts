import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder, type SseEvent } from "./decoder.ts";

const FIXTURES = new URL("../../../../fixtures/recorded/", import.meta.url);
const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s);

function decodeChunks(chunks: Uint8Array[]): SseEvent[] {
  const d = new SseDecoder();
  const out = chunks.flatMap((c) => d.push(c));
  return out.concat(d.end());
}
const decode = (s: string | Uint8Array) => decodeChunks([typeof s === "string" ? bytes(s) : s]);

describe("line and field rules", () => {
  it("skips comment lines", () => {
    expect(decode(": keep-alive\ndata: x\n: another\n\n")).toEqual([{ data: "x" }]);
  });

  it("joins several data lines with LF", () => {
    expect(decode("data: a\ndata: b\ndata:\ndata: c\n\n")).toEqual([{ data: "a\nb\n\nc" }]);
  });

  it("strips one optional space after the colon, and only one", () => {
    expect(decode("data:x\n\ndata:  y\n\n")).toEqual([{ data: "x" }, { data: " y" }]);
  });

  it("treats a line without a colon as a field with an empty value", () => {
    expect(decode("data\n\n")).toEqual([{ data: "" }]);
    expect(decode("data\ndata\n\n")).toEqual([{ data: "\n" }]);
  });

  it("does not dispatch an event without data, and its name does not leak into the next", () => {
    expect(decode("event: lonely\n\ndata: x\n\n")).toEqual([{ data: "x" }]);
    expect(decode("event: a\nid: 1\n\n")).toEqual([]);
  });

  it("ignores unknown fields", () => {
    expect(decode("foo: bar\ndata: x\nevent: e\n\n")).toEqual([{ event: "e", data: "x" }]);
  });

  it("keeps the last event id across events, and ignores an id containing NUL", () => {
    expect(decode("id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n")).toEqual([
      { data: "a", id: "7" },
      { data: "b", id: "7" },
      { data: "c", id: "7" },
      { data: "d" },
    ]);
  });

  it("accepts retry only when it is all ASCII digits", () => {
    const d = new SseDecoder();
    expect(d.push(bytes("retry: 1500\ndata: a\n\nretry: 1e3\ndata: b\n\n"))).toEqual([
      { data: "a", retry: 1500 },
      { data: "b" },
    ]);
    expect(d.retry).toBe(1500);
  });

  it("handles CR CRLF as two line ends (a blank line)", () => {
    expect(decode("data: a\r\r\ndata: b\r\n\r\n")).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("strips a leading byte-order mark", () => {
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("data: x\n\n")]))).toEqual([{ data: "x" }]);
  });
});

describe("UTF-8 split across chunks", () => {
  for (const [label, char] of [
    ["4-byte emoji", "😀"],
    ["3-byte CJK", "漢"],
  ] as const) {
    it(`rebuilds a ${label} split at each of its bytes`, () => {
      const buf = bytes(`data: a${char}b\n\n`);
      const at = bytes("data: a").length;
      for (let i = at + 1; i < at + bytes(char).length; i++) {
        expect(decodeChunks([buf.subarray(0, i), buf.subarray(i)])).toEqual([{ data: `a${char}b` }]);
      }
      expect(decodeChunks([...buf].map((b) => new Uint8Array([b])))).toEqual([{ data: `a${char}b` }]);
    });
  }
});

describe("end of stream", () => {
  // WHATWG: "If the file ends in the middle of an event, before the final empty line, the
  // incomplete event is not dispatched."
  it("drops an event that lacks its blank line and reports the stream as truncated", () => {
    const d = new SseDecoder();
    expect(d.push(bytes("data: a\n\ndata: b\n"))).toEqual([{ data: "a" }]);
    expect(d.end()).toEqual([]);
    expect(d.truncated).toBe(true);
  });

  it("drops an unterminated last line", () => {
    const d = new SseDecoder();
    expect(d.push(bytes("data: a\n\ndata: b"))).toEqual([{ data: "a" }]);
    expect(d.end()).toEqual([]);
    expect(d.truncated).toBe(true);
  });

  it("is not truncated after a complete stream", () => {
    const d = new SseDecoder();
    d.push(new Uint8Array(readFileSync(new URL("a-text.sse", FIXTURES))));
    expect(d.end()).toEqual([]);
    expect(d.truncated).toBe(false);
  });
});

describe("large input", () => {
  // Behaviour only: a wall-clock limit would test the machine, not the code. The linear scan is
  // described in decoder.ts; here a 2 MB line in 16-byte chunks must come out whole and once.
  it("rebuilds a 2 MB data line fed in 16-byte chunks", () => {
    const payload = "x".repeat(2 * 1024 * 1024);
    const buf = bytes(`data: ${payload}\n\n`);
    const d = new SseDecoder();
    const events: SseEvent[] = [];
    for (let i = 0; i < buf.length; i += 16) events.push(...d.push(buf.subarray(i, i + 16)));
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toBe(payload);
    expect(d.end()).toEqual([]);
    expect(d.truncated).toBe(false);
  });
});
