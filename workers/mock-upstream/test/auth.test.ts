import { describe, expect, it } from "vitest";
import { call, type ErrorBody, KEY, post, request, user } from "./helpers.ts";

const body = request([user("hi")]);

describe("auth", () => {
  it("accepts the key as x-api-key and as Authorization: Bearer", async () => {
    expect((await post("/v1/messages", body)).status).toBe(200);
    const bearer = await post("/v1/messages", body, { "x-api-key": "", authorization: `Bearer ${KEY}` });
    // An empty x-api-key is still a (wrong) credential.
    expect(bearer.status).toBe(401);
    const res = await call("/v1/messages", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  });

  it("answers 401 authentication_error on a wrong key, with request-id", async () => {
    const res = await post("/v1/messages", body, { "x-api-key": "sk-client-key" });
    expect(res.status).toBe(401);
    const id = res.headers.get("request-id");
    expect(id).toMatch(/^req_mock_\d+$/);
    expect(await res.json<ErrorBody>()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "invalid x-api-key" },
      request_id: id,
    });
  });

  it("answers 401 when no credential is sent", async () => {
    const res = await call("/v1/messages", { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(401);
    expect((await res.json<ErrorBody>()).error.type).toBe("authentication_error");
  });

  it("answers 401 when a client key travels beside the right one", async () => {
    const res = await post("/v1/messages", body, { authorization: "Bearer sk-client-key" });
    expect(res.status).toBe(401);
  });

  it("protects count_tokens and models too", async () => {
    expect((await post("/v1/messages/count_tokens", body, { "x-api-key": "nope" })).status).toBe(401);
    expect((await call("/v1/models")).status).toBe(401);
  });
});
