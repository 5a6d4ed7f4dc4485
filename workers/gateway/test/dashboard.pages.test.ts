import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TOOLS, toolUrls } from "../src/dashboard/tools/catalog.ts";
import app from "../src/index.ts";
import { Browser, signedUp, unescapeHtml } from "./dashboard.helpers.ts";
import { callMessages, credit, eventually } from "./helpers.ts";

const text = (html: string) => unescapeHtml(html);

describe("dashboard overview", () => {
  it("shows balance, plan, this month's spend, the chart and the latest requests", async () => {
    const { browser, accountId } = await signedUp();
    const empty = await browser.page("/dashboard");
    expect(empty).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(empty).toContain('data-testid="balance">$0.00<');
    expect(empty).toContain("No requests yet.");

    const key = /<code id="new-key-value">([^<]+)</.exec(
      await (await browser.post("/dashboard/keys", { name: "k" })).text(),
    )![1]!;
    await credit(accountId, "12.5");
    const res = await callMessages({
      key,
      body: {
        model: "claude-sonnet-4-6",
        max_tokens: 64,
        messages: [{ role: "user", content: "Hello dashboard" }],
      },
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get("request-id")!;
    const cost = Number(res.headers.get("x-cc-cost-nano-usd"));
    expect(cost).toBeGreaterThan(0);

    const html = await eventually(async () => {
      const page = await browser.page("/dashboard");
      return page.includes(requestId) ? page : undefined;
    });
    expect(html).toContain("Basic");
    expect(html).toMatch(/data-testid="balance">\$12\.\d\d</);
    const row = new RegExp(`<tr data-request-id="${requestId}">[\\s\\S]*?</tr>`).exec(html)![0];
    expect(row).toContain("claude-sonnet-4-6");
    expect(row).toContain("anthropic-messages");
    expect(row).toContain(">200<");
    expect(row).toMatch(/\d+ ms/);
    // The chart: an inline SVG with one coloured segment titled by day and model.
    expect(html).toContain('<svg class="chart wide"');
    expect(html).toContain('<svg class="chart narrow"');
    expect(html).toMatch(/<title>\d{4}-\d\d-\d\d · claude-sonnet-4-6: \$/);
    expect(html).toContain("Spend per day (USD)");
    expect(html).toContain("Tokens per day");
  });
});

describe("billing page", () => {
  it("validates the top-up form", async () => {
    const { browser } = await signedUp();
    const cases: Array<[Record<string, string>, string]> = [
      [{ amount: "4.99", coin: "btc", provider: "dev" }, "Enter an amount from $5 to $10,000"],
      [{ amount: "abc", coin: "btc", provider: "dev" }, "Enter an amount from $5 to $10,000"],
      [{ amount: "5.001", coin: "btc", provider: "dev" }, "Enter an amount from $5 to $10,000"],
      [{ amount: "20", coin: "doge", provider: "dev" }, "Choose a coin from the list."],
      [{ amount: "20", coin: "eth", provider: "paypal" }, "Choose a processor from the list."],
    ];
    for (const [fields, message] of cases) {
      const res = await browser.post("/dashboard/billing/topup", fields, { from: "/dashboard/billing" });
      expect(res.status).toBe(400);
      expect(text(await res.text())).toContain(message);
    }
  });

  it("starts a top-up and sends the browser to the processor's invoice", async () => {
    const { browser } = await signedUp();
    const res = await browser.post(
      "/dashboard/billing/topup",
      { amount: "20", coin: "usdttrc20", provider: "dev" },
      { from: "/dashboard/billing" },
    );
    expect(res.status).toBe(303);
    const invoice = res.headers.get("location")!;
    expect(invoice).toMatch(/^https:\/\/gateway\.test\/payments\/dev\/invoice\//);
    const history = await browser.page("/dashboard/billing");
    const topups = history.slice(history.indexOf('id="topups"'), history.indexOf('id="ledger"'));
    expect(topups).toContain("$20.00");
    expect(topups).toContain("pending");
    expect(topups).toContain(`href="${invoice}"`);
  });

  it("offers only the processors the operator configured, each with only the coins it takes", async () => {
    const { browser } = await signedUp();
    const html = await browser.page("/dashboard/billing");
    const select = html.slice(html.indexOf('<select name="method">'), html.indexOf("</select>"));
    // Development configures the dev processor only (PaymentsRpc.status), with its four coins.
    expect([...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "dev:usdttrc20",
      "dev:usdterc20",
      "dev:btc",
      "dev:eth",
    ]);
    expect(select).not.toContain("nowpayments");
    // A processor that is not configured is refused by the form before any invoice.
    const res = await browser.post(
      "/dashboard/billing/topup",
      { amount: "20", coin: "btc", provider: "nowpayments" },
      { from: "/dashboard/billing" },
    );
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain("Choose a processor from the list.");
    const bad = await browser.post(
      "/dashboard/billing/topup",
      { amount: "20", method: "btcpay:btc" },
      { from: "/dashboard/billing" },
    );
    expect(text(await bad.text())).toContain("Choose a way to pay from the list.");
    const ok = await browser.post(
      "/dashboard/billing/topup",
      { amount: "20", method: "dev:eth" },
      { from: "/dashboard/billing" },
    );
    expect(ok.status).toBe(303);
  });

  it("says what to do next about an expired or failed top-up", async () => {
    const { browser, accountId } = await signedUp();
    for (const status of ["expired", "failed"]) {
      await env.DB.prepare(
        "INSERT INTO topups (id, account_id, provider, amount_requested_nano, amount_credited_nano, coin, status, status_rank, created_at, updated_at) VALUES (?, ?, 'dev', 30000000000, 0, 'btc', ?, 2, ?, ?)",
      )
        .bind(`topup_${status}${crypto.randomUUID().slice(0, 6)}`, accountId, status, Date.now(), Date.now())
        .run();
    }
    const html = text(await browser.page("/dashboard/billing"));
    expect(html).toContain("The invoice expired before a payment arrived. Start a new top-up.");
    expect(html).toContain("The processor did not accept the payment. Start a new top-up");
    expect(html).toMatch(/Top-up id: <code>topup_expired/);
  });

  it("lists top-ups with their status and the flushed ledger", async () => {
    const { browser, accountId } = await signedUp();
    await credit(accountId, "7", "ticket-42");
    await env.DB.prepare(
      "INSERT INTO topups (id, account_id, provider, amount_requested_nano, amount_credited_nano, coin, status, status_rank, invoice_url, created_at, updated_at) VALUES (?, ?, 'nowpayments', 25000000000, 0, 'usdttrc20', 'pending', 1, 'https://pay.example/inv/1', ?, ?)",
    )
      .bind(`top_${crypto.randomUUID()}`, accountId, Date.now(), Date.now())
      .run();
    const html = await browser.page("/dashboard/billing");
    expect(html).toContain('data-testid="balance">$7.00<');
    const topups = html.slice(html.indexOf('id="topups"'), html.indexOf('id="ledger"'));
    expect(topups).toContain("$25.00");
    expect(topups).toContain("usdttrc20");
    expect(topups).toContain("pending");
    expect(topups).toContain('href="https://pay.example/inv/1"');
    // The ledger row reached D1 through the AccountDO's outbox, flushed for the page.
    const ledger = html.slice(html.indexOf('id="ledger"'));
    expect(ledger).toContain('data-kind="adjustment"');
    expect(ledger).toContain("$7.00");
    // Its reference is on the entry's own page.
    const entry = /href="(\/dashboard\/ledger\/ent_[^"]+)"/.exec(ledger)![1]!;
    expect(await browser.page(entry)).toContain("ticket-42");
  });

  it("upgrades to Pro from the balance after a confirmation that states the cost and the change, or says why not", async () => {
    const { browser, accountId } = await signedUp();
    // The billing page links to the confirmation; a post without it only shows the confirmation.
    expect(await browser.page("/dashboard/billing")).toContain('href="/dashboard/billing/pro"');
    const unconfirmed = await browser.post("/dashboard/billing/pro", {}, { from: "/dashboard/billing" });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get("location")).toBe("/dashboard/billing/pro");
    const poorPage = text(await browser.page("/dashboard/billing/pro"));
    expect(poorPage).toContain("Your available balance is $0.00.");
    expect(poorPage).not.toContain("Pay $19.00 and upgrade");
    const poor = await browser.post(
      "/dashboard/billing/pro",
      { confirm: "yes" },
      { from: "/dashboard/billing" },
    );
    expect(poor.status).toBe(402);
    expect(text(await poor.text())).toContain(
      "The Pro plan costs $19.00; the available balance is $0.00. Top up first.",
    );

    await credit(accountId, "20");
    const confirm = text(await browser.page("/dashboard/billing/pro"));
    expect(confirm).toContain("$19.00, once");
    expect(confirm).toMatch(
      /Discount on list prices<\/td><td data-label="Now">50%<\/td><td data-label="With Pro">80%/,
    );
    expect(confirm).toMatch(
      /Balance<\/td><td data-label="Now">\$20.00<\/td><td data-label="With Pro">\$1.00/,
    );
    expect(await env.DB.prepare("SELECT plan FROM accounts WHERE id = ?").bind(accountId).first("plan")).toBe(
      "basic",
    );
    const res = await browser.post(
      "/dashboard/billing/pro",
      { confirm: "yes" },
      { from: "/dashboard/billing/pro" },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/billing?upgraded=1");
    const html = await browser.page("/dashboard/billing?upgraded=1");
    expect(html).toContain("Welcome to Pro");
    expect(html).toContain('data-testid="balance">$1.00<');
    expect(html).toContain("You are on Pro");
    expect(html).toContain('data-kind="plan"');
    expect(text(await browser.page("/dashboard/ledger"))).toContain("-$19.00");
    const account = await env.DB.prepare("SELECT plan FROM accounts WHERE id = ?")
      .bind(accountId)
      .first<{ plan: string }>();
    expect(account?.plan).toBe("pro");
    // Pro limits show up on the keys page at once.
    expect(await browser.page("/dashboard/keys")).toContain("at most your plan’s 500");
  });
});

describe("docs", () => {
  it("builds the base URLs from the request's own origin", async () => {
    for (const origin of ["https://gw.example.com", "http://127.0.0.1:8787"]) {
      const html = text(await new Browser(origin).page("/docs"));
      expect(html).toContain(`<code>${origin}/api/proxy</code>`);
      expect(html).toContain(`<code>${origin}/api/proxy/v1</code>`);
      expect(html).toContain(`curl ${origin}/api/proxy/v1/messages`);
      expect(html).toContain(`${origin}/api/proxy/v1/chat/completions`);
      expect(html).toContain(`${origin}/api/proxy/v1/responses`);
    }
  });

  it("shows the errors in both formats and the limits per plan", async () => {
    const html = text(await new Browser().page("/docs"));
    const errors = html.slice(html.indexOf('id="error-table"'));
    for (const status of [400, 401, 402, 403, 413, 429, 500, 502])
      expect(errors).toContain(`<td class="n">${status}</td>`);
    expect(errors).toContain("<code>authentication_error</code>");
    expect(errors).toContain("<code>billing_error</code>");
    expect(errors).toContain("<code>invalid_api_key</code>");
    expect(errors).toContain("<code>rate_limit_exceeded</code>");
    expect(html).toMatch(/Basic<\/td><td class="n">200<\/td><td class="n">1,000,000<\/td>/);
    expect(html).toMatch(/Pro<\/td><td class="n">500<\/td><td class="n">2,000,000<\/td>/);
    expect(html).toContain("anthropic-ratelimit-requests-limit");
    expect(html).toContain("x-ratelimit-remaining-requests");
  });

  it("shows the prices in force per plan, and follows PRICE_TABLE_JSON", async () => {
    const row = (html: string, plan: string, model: string) => {
      const table = html.slice(html.indexOf(`data-plan="${plan}"`));
      const start = table.indexOf(`<code>${model}</code>`);
      return table.slice(start, table.indexOf("</tr>", start));
    };
    const before = await new Browser().page("/pricing");
    // Sonnet lists at $3 / $15: Basic pays 50%, Pro 20%.
    expect(row(before, "basic", "claude-sonnet-4-6")).toMatch(/\$1\.50<\/td><td class="n">\$7\.50</);
    expect(row(before, "pro", "claude-sonnet-4-6")).toMatch(/\$0\.60<\/td><td class="n">\$3\.00</);

    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://gateway.test/pricing"),
      {
        ...env,
        PRICE_TABLE_JSON: JSON.stringify({
          "claude-sonnet-4-6": { input: "7", output: "35" },
          "my-model": { input: "2", output: "4", family: "openai", maxOutput: 8_000, contextWindow: 32_000 },
        }),
      },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const after = await res.text();
    expect(row(after, "basic", "claude-sonnet-4-6")).toMatch(/\$3\.50<\/td><td class="n">\$17\.50</);
    expect(row(after, "pro", "claude-sonnet-4-6")).toMatch(/\$1\.40<\/td><td class="n">\$7\.00</);
    expect(row(after, "basic", "my-model")).toContain("$1.00");
  });

  it("lists every tool guide", async () => {
    const html = await new Browser().page("/tools");
    for (const tool of TOOLS) expect(html).toContain(`href="/tools/${tool.slug}"`);
    expect(TOOLS.map((t) => t.name).sort()).toEqual([
      "Aider",
      "Cherry Studio",
      "Claude Code",
      "Cline",
      "Codex CLI",
      "Continue",
      "Cursor",
      "Gemini CLI",
      "Goose",
      "Kilo Code",
      "LibreChat",
      "LobeChat",
      "OpenClaw",
      "OpenCode",
      "OpenHands",
      "Roo Code",
      "Windsurf",
      "Zed",
    ]);
  });

  it.each(TOOLS.map((t) => [t.name, t] as const))(
    "%s page: base URL, what it reads, models, mistakes",
    async (_name, tool) => {
      const origin = "https://gw.example.com";
      const html = text(await new Browser(origin).page(`/tools/${tool.slug}`));
      expect(html).toContain(tool.baseUrl(toolUrls(origin)));
      for (const name of tool.reads) expect(html).toContain(name);
      expect(html).toContain("Recommended models");
      expect(html).toContain("Common mistakes");
      expect(html).not.toContain("gateway.test");
    },
  );

  it("writes the exact settings each tool reads", async () => {
    const o = "https://gw.example.com";
    const page = async (slug: string) => text(await new Browser(o).page(`/tools/${slug}`));
    const claude = await page("claude-code");
    expect(claude).toContain(`export ANTHROPIC_BASE_URL=${o}/api/proxy\n`);
    expect(claude).toContain("export ANTHROPIC_AUTH_TOKEN=sk-cc-");
    expect(claude).toContain("export ANTHROPIC_MODEL=claude-sonnet-4-6");
    const codex = await page("codex");
    expect(codex).toContain(`base_url = "${o}/api/proxy/v1"`);
    expect(codex).toContain('env_key = "CC_GATEWAY_API_KEY"');
    expect(codex).toContain('wire_api = "responses"');
    expect(codex).toContain("[model_providers.ccgateway]");
    const aider = await page("aider");
    expect(aider).toContain(`--openai-api-base ${o}/api/proxy/v1`);
    expect(aider).toContain(`export OPENAI_API_BASE=${o}/api/proxy/v1`);
    expect(aider).toContain("--model openai/claude-sonnet-4-6");
    const cont = await page("continue");
    expect(cont).toContain("provider: openai");
    expect(cont).toContain(`apiBase: ${o}/api/proxy/v1`);
    const goose = await page("goose");
    expect(goose).toContain(`export OPENAI_HOST=${o}\n`);
    expect(goose).toContain("export OPENAI_BASE_PATH=api/proxy/v1/chat/completions");
    const cherry = await page("cherry-studio");
    expect(cherry).toContain(`API Host:  ${o}/api/proxy`);
    expect(cherry).toContain(`${o}/api/proxy/v1/chat/completions`);
  });

  it("answers 404 for an unknown tool", async () => {
    const res = await new Browser().get("/tools/emacs");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("There is no page at <code>/tools/emacs</code>");
  });
});
