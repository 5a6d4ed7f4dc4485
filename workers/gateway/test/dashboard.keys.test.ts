import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signedUp, unescapeHtml } from "./dashboard.helpers.ts";
import { callMessages, credit } from "./helpers.ts";

const newKeyIn = (html: string) => /<code id="new-key-value">(sk-cc-[0-9A-Za-z]{43})<\/code>/.exec(html)?.[1];

describe("keys page", () => {
  it("creates a key, shows it once with a copy button, then lists only its hint", async () => {
    const { browser, accountId } = await signedUp();
    const res = await browser.post("/dashboard/keys", {
      name: "laptop",
      rpm: "50",
      tpm: "100000",
      models: ["claude-sonnet-4-6", "claude-haiku-4-5"],
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const key = newKeyIn(html)!;
    expect(key).toBeDefined();
    expect(html).toContain('data-copy="new-key-value"');
    expect(html).toContain("it is shown only once");

    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE account_id = ?").bind(accountId).first<{
      name: string;
      hint: string;
      rpm_limit: number;
      tpm_limit: number;
      allowed_models: string;
    }>();
    expect(row).toMatchObject({
      name: "laptop",
      rpm_limit: 50,
      tpm_limit: 100000,
      hint: `sk-cc-…${key.slice(-4)}`,
    });
    expect(JSON.parse(row!.allowed_models)).toEqual(["claude-sonnet-4-6", "claude-haiku-4-5"]);

    const list = unescapeHtml(await browser.page("/dashboard/keys"));
    expect(list).not.toContain(key);
    expect(list).toContain(`sk-cc-…${key.slice(-4)}`);
    expect(list).toContain("50 RPM · 100,000 TPM");
    expect(list).toContain("claude-sonnet-4-6, claude-haiku-4-5");
    expect(list).toContain("never"); // last use

    // The key works at once with the official auth headers.
    await credit(accountId, "5");
    expect(
      (
        await callMessages({
          key,
          body: { model: "claude-sonnet-4-6", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
        })
      ).status,
    ).toBe(200);
    // A model outside its allow-list is refused.
    expect(
      (
        await callMessages({
          key,
          body: { model: "claude-opus-4-7", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
        })
      ).status,
    ).toBe(403);
  });

  it("explains a missing name, limits above the plan's and unknown models", async () => {
    const { browser } = await signedUp();
    const res = await browser.post("/dashboard/keys", {
      name: "",
      rpm: "201",
      tpm: "abc",
      models: ["gpt-9"],
    });
    expect(res.status).toBe(400);
    const html = unescapeHtml(await res.text());
    expect(html).toContain("Give the key a name of 1 to 100 characters.");
    expect(html).toContain("Requests per minute must be a whole number from 1 to 200 (your plan's limit).");
    expect(html).toContain(
      "Tokens per minute must be a whole number from 1 to 1,000,000 (your plan's limit).",
    );
    expect(html).toContain("Unknown model: gpt-9.");
    expect(newKeyIn(html)).toBeUndefined();
    expect(html).toContain('value="201"'); // what was typed stays in the form
    expect(html).toContain("No keys yet.");
  });

  it("revokes a key with immediate effect: the API answers 401 right after", async () => {
    const { browser, accountId } = await signedUp();
    const key = newKeyIn(await (await browser.post("/dashboard/keys", { name: "ci" })).text())!;
    await credit(accountId, "5");
    const body = { model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] };
    expect((await callMessages({ key, body })).status).toBe(200);

    const page = await browser.page("/dashboard/keys");
    const action = /action="(\/dashboard\/keys\/key_[^"]+\/revoke)"/.exec(page)![1]!;
    const res = await browser.post(action, {}, { from: "/dashboard/keys" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/keys?revoked=1");

    const after = await callMessages({ key, body, headers: { "cf-connecting-ip": "203.0.113.77" } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
    const list = await browser.page("/dashboard/keys?revoked=1");
    expect(list).toContain("The key was revoked. It stops working at once.");
    expect(list).toMatch(/revoked <time[^>]*>\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(list).not.toContain(action); // no revoke button any more
  });
});
