import { describe, expect, it } from "vitest";
import { call, KEY, post, request, user } from "./helpers.ts";

interface Recorded {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
}
const recorded = async (): Promise<Recorded[]> => (await call("/_mock/requests")).json<Recorded[]>();

describe("/_mock/requests", () => {
  it("records method, path, search, all headers lowercased and the parsed body, newest last", async () => {
    expect((await call("/_mock/requests", { method: "DELETE" })).status).toBe(200);
    expect(await recorded()).toEqual([]);
    const body = request([user("hi")]);
    await post("/v1/messages?beta=true", body, {
      "Anthropic-Version": "2026-10-21",
      "Anthropic-Beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
      "X-Custom": "Value",
    });
    await call("/v1/models", { headers: { "x-api-key": "wrong" } });
    const list = await recorded();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ method: "POST", path: "/v1/messages", search: "?beta=true", body });
    expect(list[0]?.headers).toMatchObject({
      "x-api-key": KEY,
      "anthropic-version": "2026-10-21",
      "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14",
      "x-custom": "Value",
    });
    // Rejected requests are recorded too; a GET has body null.
    expect(list[1]).toMatchObject({ method: "GET", path: "/v1/models", search: "", body: null });
  });

  it("keeps at most 50 and needs no auth; DELETE clears", async () => {
    await call("/_mock/requests", { method: "DELETE" });
    for (let i = 0; i < 55; i++) await call(`/v1/models?i=${i}`);
    const list = await recorded();
    expect(list).toHaveLength(50);
    expect(list.at(-1)?.search).toBe("?i=54");
    expect(list[0]?.search).toBe("?i=5");
    await call("/_mock/requests", { method: "DELETE" });
    expect(await recorded()).toEqual([]);
  });
});
