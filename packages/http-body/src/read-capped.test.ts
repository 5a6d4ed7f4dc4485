import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyCapped } from "./read-capped.ts";

/** A body that arrives in `chunks` pieces of `size` bytes, with no Content-Length. */
function chunked(chunks: number, size: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return {
    request: new Request("https://x.test/", { method: "POST", body, duplex: "half" } as RequestInit),
    pulled: () => pulled,
  };
}

describe("readBodyCapped", () => {
  it("returns the exact bytes of a body within the limit", async () => {
    const request = new Request("https://x.test/", { method: "POST", body: "héllo" });
    expect(new TextDecoder().decode(await readBodyCapped(request, 6))).toBe("héllo");
    const { request: streamed } = chunked(3, 4);
    expect(await readBodyCapped(streamed, 12)).toEqual(new Uint8Array(12).fill(0x61));
  });

  it("returns no bytes for no body", async () => {
    expect(await readBodyCapped(new Request("https://x.test/", { method: "POST" }), 1)).toEqual(
      new Uint8Array(),
    );
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const declared = new Request("https://x.test/", {
      method: "POST",
      headers: { "content-length": "1001" },
      body: "x".repeat(1001),
    });
    await expect(readBodyCapped(declared, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(declared.bodyUsed).toBe(false);
  });

  it("stops reading a chunked body at the first chunk past the limit", async () => {
    const { request, pulled } = chunked(1000, 100);
    await expect(readBodyCapped(request, 1000)).rejects.toMatchObject({ limitBytes: 1000 });
    expect(pulled()).toBeLessThan(20);
  });
});
