import { describe, expect, it } from "vitest";
import { call, type ErrorBody, KEY, post, request, user } from "./helpers.ts";

async function expect400(res: Response, message: string | RegExp): Promise<void> {
  expect(res.status).toBe(400);
  const body = await res.json<ErrorBody>();
  expect(body.type).toBe("error");
  expect(body.error.type).toBe("invalid_request_error");
  expect(body.error.message).toMatch(message);
  expect(body.request_id).toBe(res.headers.get("request-id"));
}

describe("request validation", () => {
  it.each(["model", "messages", "max_tokens"])("rejects a body without %s", async (field) => {
    const body: Record<string, unknown> = request([user("hi")]);
    delete body[field];
    await expect400(await post("/v1/messages", body), `${field}: Field required`);
  });

  it("count_tokens needs model and messages but not max_tokens", async () => {
    await expect400(await post("/v1/messages/count_tokens", { messages: [] }), "model: Field required");
    expect((await post("/v1/messages/count_tokens", { model: "m", messages: [] })).status).toBe(200);
  });

  it("rejects a body that is not JSON", async () => {
    await expect400(await post("/v1/messages", "{not json"), /parsing the body/);
  });

  it("rejects more than 4 cache_control breakpoints, like Anthropic", async () => {
    const cc = { type: "ephemeral" };
    const blocks = Array.from({ length: 5 }, (_, i) => ({ type: "text", text: `b${i}`, cache_control: cc }));
    await expect400(await post("/v1/messages", request([user(blocks)])), "Found 5.");
  });

  it("rejects an unknown scenario loudly", async () => {
    await expect400(
      await post("/v1/messages", request([user("hi")]), { "x-mock-scenario": "nope" }),
      /unknown scenario/,
    );
    await expect400(await post("/v1/messages", request([user("[[mock:nope]] hi")])), /unknown scenario/);
  });

  it("answers unknown routes with an Anthropic 404", async () => {
    const res = await call("/v1/nothing", { headers: { "x-api-key": KEY } });
    expect(res.status).toBe(404);
    expect((await res.json<ErrorBody>()).error.type).toBe("not_found_error");
  });
});
