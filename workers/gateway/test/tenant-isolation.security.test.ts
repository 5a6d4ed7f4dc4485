/**
 * Tenant isolation of vendor-stored objects: every customer's traffic reaches the vendors under
 * the operator's account, so a stored response or a container belongs to the account whose
 * request made it. Another account naming its id gets the vendor's own not-found answer, the
 * same as for an id that exists nowhere, and the upstream is never contacted.
 */
import { describe, expect, it } from "vitest";
import { credit, mockRequests, newAccountWithKey, type TestKey } from "./helpers.ts";
import { callProxy, marker, seenUpstream, settledState, usageRow } from "./metering.helpers.ts";

const CODE_EXECUTION = { type: "code_execution_20250825", name: "code_execution" };
// Code execution is refused unless the operator prices it: these tests do.
const PRICED = {
  PRICE_TABLE_JSON: JSON.stringify({ "claude-sonnet-4-6": { tools: { code_execution: "0.005" } } }),
};

async function storedResponse(caller: TestKey, text: string, extra: Record<string, unknown> = {}) {
  const res = await callProxy("responses", caller.key, {
    model: "gpt-5.5",
    max_output_tokens: 64,
    input: text,
    ...extra,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function container(caller: TestKey) {
  const res = await callProxy(
    "messages",
    caller.key,
    {
      model: "claude-sonnet-4-6",
      max_tokens: 64,
      tools: [CODE_EXECUTION],
      messages: [{ role: "user", content: "run" }],
    },
    { envOverride: PRICED },
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { container: { id: string; expires_at: string } };
  expect(body.container.id).toMatch(/^container_mock_/);
  return body.container.id;
}

const wasForwarded = async (mark: string) =>
  (await mockRequests()).some((r) => JSON.stringify(r.body).includes(mark));

describe("stored responses and containers belong to the account that made them", () => {
  it("the owner continues both; another account gets not-found and the upstream never sees it", async () => {
    const a = await newAccountWithKey();
    const b = await newAccountWithKey();
    const responseId = await storedResponse(a, `remember this ${marker()}`);
    const containerId = await container(a);

    // A continues both.
    const continued = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      max_output_tokens: 64,
      previous_response_id: responseId,
      input: "and then?",
    });
    expect(continued.status).toBe(200);
    const reused = await callProxy(
      "messages",
      a.key,
      {
        model: "claude-sonnet-4-6",
        max_tokens: 64,
        container: containerId,
        tools: [CODE_EXECUTION],
        messages: [{ role: "user", content: "again" }],
      },
      { envOverride: PRICED },
    );
    expect(reused.status).toBe(200);
    expect(((await reused.json()) as { container: { id: string } }).container.id).toBe(containerId);

    // B names A's ids.
    const mark = marker();
    const foreignResponse = await callProxy("responses", b.key, {
      model: "gpt-5.5",
      previous_response_id: responseId,
      input: `steal ${mark}`,
    });
    expect(foreignResponse.status).toBe(400);
    expect(await foreignResponse.json()).toEqual({
      error: {
        message: `Previous response with id '${responseId}' not found.`,
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      },
    });
    const foreignContainer = await callProxy(
      "messages",
      b.key,
      {
        model: "claude-sonnet-4-6",
        max_tokens: 64,
        container: containerId,
        tools: [CODE_EXECUTION],
        messages: [{ role: "user", content: `steal ${mark}` }],
      },
      { envOverride: PRICED },
    );
    expect(foreignContainer.status).toBe(404);
    expect(await foreignContainer.json()).toMatchObject({
      type: "error",
      error: { type: "not_found_error", message: `Container with id '${containerId}' not found.` },
    });
    expect(await wasForwarded(mark)).toBe(false);
  });

  it("an id of another account and an id that exists nowhere get byte-identical answers", async () => {
    const a = await newAccountWithKey();
    const b = await newAccountWithKey();
    const real = await storedResponse(a, "mine");
    const fake = `resp_${"0".repeat(real.length - 5)}`;
    const ask = async (id: string) => {
      const res = await callProxy("responses", b.key, {
        model: "gpt-5.5",
        previous_response_id: id,
        input: "x",
      });
      return { status: res.status, text: (await res.text()).replace(id, "<id>") };
    };
    expect(await ask(real)).toEqual(await ask(fake));
    const askContainer = async (id: string) => {
      const res = await callProxy("messages", b.key, {
        model: "claude-haiku-4-5",
        max_tokens: 8,
        container: id,
        messages: [{ role: "user", content: "x" }],
      });
      const body = (await res.json()) as { request_id?: string; error: { message: string } };
      return {
        status: res.status,
        body: {
          ...body,
          request_id: "<request>",
          error: { ...body.error, message: body.error.message.replace(id, "<id>") },
        },
      };
    };
    const theirs = await container(a);
    expect(await askContainer(theirs)).toEqual(await askContainer("container_doesnotexist"));
  });

  it("a continuation is billed, and reserved, for the context its previous response carries", async () => {
    const a = await newAccountWithKey({ usd: "1" });
    // A long first turn: some 5,500 tokens of context stored with the response.
    const first = await storedResponse(a, `${"many words of context ".repeat(1_000)} ${marker()}`);
    const res = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      max_output_tokens: 16,
      previous_response_id: first,
      input: "short",
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { usage: { input_tokens: number } };
    const row = await usageRow(res.headers.get("request-id"));
    // The upstream read the whole context again, and that is what was billed.
    expect(answer.usage.input_tokens).toBeGreaterThan(5_000);
    expect(Number(row.input_tokens) + Number(row.cache_read_tokens)).toBe(answer.usage.input_tokens);

    // With $0.01 left — plenty for "short" alone, not for its context at $2.50/M (Basic) — the
    // continuation is refused before any upstream call.
    const state = await settledState(a.accountId);
    await credit(a.accountId, `-${((state.balanceNano - 10_000_000) / 1e9).toFixed(9)}`);
    const mark = marker();
    const refused = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      max_output_tokens: 16,
      previous_response_id: first,
      input: `short ${mark}`,
    });
    expect(refused.status).toBe(402);
    expect(await wasForwarded(mark)).toBe(false);
    const fresh = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      max_output_tokens: 16,
      input: "short",
    });
    expect(fresh.status).toBe(200);
  });
});

describe("a continuation that ends abnormally", () => {
  it("is billed at least the context its previous response carries, when the upstream cuts its stream", async () => {
    const a = await newAccountWithKey({ usd: "1" });
    const first = await storedResponse(a, `${"many words of context ".repeat(1_000)} ${marker()}`);
    // The stream ends before response.completed, so the upstream never reports its usage.
    const res = await callProxy(
      "responses",
      a.key,
      { model: "gpt-5.5", max_output_tokens: 16, previous_response_id: first, input: "short", stream: true },
      { scenario: "cut" },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("response.completed");
    const row = await usageRow(res.headers.get("request-id"));
    // The stored context went upstream again: ~5,500 tokens, not the few of "short".
    expect(Number(row.input_tokens)).toBeGreaterThan(5_000);
    expect(Number(row.cost_nano)).toBeGreaterThan(0);
  });
});

describe("the operator's choices", () => {
  it("OPENAI_STORE_DEFAULT=false sends store:false when the client does not set it, and stores nothing to continue", async () => {
    const a = await newAccountWithKey();
    const mark = marker();
    const env = { OPENAI_STORE_DEFAULT: "false" };
    const res = await callProxy(
      "responses",
      a.key,
      { model: "gpt-5.5", max_output_tokens: 32, input: `hi ${mark}` },
      { envOverride: env },
    );
    const id = ((await res.json()) as { id: string }).id;
    expect((await seenUpstream(mark)).body).toMatchObject({ store: false });
    const next = await callProxy(
      "responses",
      a.key,
      { model: "gpt-5.5", previous_response_id: id, input: "again" },
      { envOverride: env },
    );
    expect(next.status).toBe(400);
    // A client that asks for storage gets it.
    const kept = marker();
    await callProxy(
      "responses",
      a.key,
      { model: "gpt-5.5", max_output_tokens: 32, store: true, input: `hi ${kept}` },
      { envOverride: env },
    );
    expect((await seenUpstream(kept)).body).toMatchObject({ store: true });
  });

  it("refuses files, items and conversations the account never created, unless the operator allows the kind", async () => {
    const a = await newAccountWithKey();
    const withFile = {
      model: "gpt-5.5",
      max_output_tokens: 32,
      input: [
        {
          role: "user",
          content: [
            { type: "input_file", file_id: "file-abc123" },
            { type: "input_text", text: "read it" },
          ],
        },
      ],
    };
    const refused = await callProxy("responses", a.key, withFile);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({
      error: { param: "input", message: "File with id 'file-abc123' not found." },
    });
    const allowed = await callProxy("responses", a.key, withFile, {
      envOverride: { UNOWNED_OBJECTS_ALLOWED: "file,vector_store" },
    });
    expect(allowed.status).toBe(200);
    // Files mounted into a new code interpreter container, or uploaded into Claude's.
    const mounted = await callProxy(
      "responses",
      a.key,
      {
        model: "gpt-5.5",
        input: "run",
        tools: [{ type: "code_interpreter", container: { type: "auto", file_ids: ["file-foreign1"] } }],
      },
      {
        envOverride: {
          PRICE_TABLE_JSON: JSON.stringify({ "gpt-5.5": { tools: { code_interpreter: "0.03" } } }),
        },
      },
    );
    expect(mounted.status).toBe(404);
    expect(await mounted.json()).toMatchObject({
      error: { param: "tools.0.container.file_ids", message: "File with id 'file-foreign1' not found." },
    });
    const uploaded = await callProxy(
      "messages",
      a.key,
      {
        model: "claude-sonnet-4-6",
        max_tokens: 32,
        tools: [CODE_EXECUTION],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "analyse it" },
              { type: "container_upload", file_id: "file_foreign2" },
            ],
          },
        ],
      },
      { envOverride: PRICED },
    );
    expect(uploaded.status).toBe(404);
    expect(JSON.stringify(await uploaded.json())).toContain("file_foreign2");
    const item = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      input: [{ type: "item_reference", id: "msg_foreign" }],
    });
    expect(item.status).toBe(404);
    const conversation = await callProxy("responses", a.key, {
      model: "gpt-5.5",
      conversation: "conv_foreign",
      input: "x",
    });
    expect(conversation.status).toBe(404);
  });
});
