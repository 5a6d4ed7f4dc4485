import { describe, expect, it } from "vitest";
import { anthropicMessages } from "./anthropic-messages/index.ts";
import { ERROR_STATUS, type ErrorKind, GatewayError, isGatewayError } from "./errors.ts";
import { gemini } from "./gemini/index.ts";
import { openAiChat } from "./openai-chat/index.ts";
import { openAiResponses } from "./openai-responses/index.ts";
import { SseDecoder } from "./sse/decoder.ts";

// What every client sees of each error kind, through each wire format's record: the renderers
// must use the kind's status, so that SDKs retry what is transient and nothing else.
const FORMATS = { anthropicMessages, openAiChat, openAiResponses, gemini };
const KINDS = Object.keys(ERROR_STATUS) as ErrorKind[];
// The Anthropic and OpenAI SDKs retry 408, 409, 429 and every status ≥ 500, and nothing else
// (https://github.com/anthropics/anthropic-sdk-typescript#retries).
const sdkRetries = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;
const TRANSIENT: ReadonlySet<ErrorKind> = new Set([
  "rate_limit",
  "internal",
  "upstream",
  "timeout",
  "overloaded",
]);

describe.each(Object.entries(FORMATS))("every error kind, to a client of %s", (_, format) => {
  it("before the stream: a status of its own, retried by SDKs only when transient, with the message and retry-after", () => {
    const statuses = KINDS.map((kind) => {
      const rendered = format.renderError(
        new GatewayError(kind, `a ${kind} error`, { retryAfterSeconds: 2.5 }),
        "req_1",
      );
      expect(sdkRetries(rendered.status), kind).toBe(TRANSIENT.has(kind));
      expect(rendered.headers["content-type"]).toBe("application/json");
      expect(rendered.headers["retry-after"]).toBe("3");
      expect(JSON.stringify(rendered.body)).toContain(`a ${kind} error`);
      return rendered.status;
    });
    // One status per kind: a client tells the kinds apart without reading the body.
    expect(new Set(statuses).size).toBe(KINDS.length);
  });

  it("after HTTP 200: one SSE event that carries the message", () => {
    for (const kind of KINDS) {
      const sse = new SseDecoder();
      const frame = new TextEncoder().encode(
        format.renderStreamError(new GatewayError(kind, `a ${kind} error`)),
      );
      const events = [...sse.push(frame), ...sse.end()];
      expect(events, kind).toHaveLength(1);
      expect(events[0]!.data).toContain(`a ${kind} error`);
    }
  });
});

describe("GatewayError", () => {
  it("carries kind, status, message and options", () => {
    const cause = new Error("socket closed");
    const e = new GatewayError("rate_limit", "Slow down.", {
      retryAfterSeconds: 3,
      headers: { "x-a": "1" },
      param: "model",
      cause,
    });
    expect(e).toBeInstanceOf(Error);
    expect(isGatewayError(e)).toBe(true);
    expect(isGatewayError(new Error("x"))).toBe(false);
    expect([e.name, e.kind, e.status, e.message, e.param, e.retryAfterSeconds]).toEqual([
      "GatewayError",
      "rate_limit",
      429,
      "Slow down.",
      "model",
      3,
    ]);
    expect(e.headers).toEqual({ "x-a": "1" });
    expect(e.cause).toBe(cause);
  });

  it("leaves options undefined when not given", () => {
    const e = new GatewayError("upstream", "Upstream failed.");
    expect([e.status, e.param, e.retryAfterSeconds, e.headers, e.cause]).toEqual([
      502,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
