// The public site: landing page, pricing, tool guides, API docs, icons, and the HTML pages a
// browser gets for unknown paths and failures.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { DEFAULT_PRICE_TABLE } from "@cc/billing";
import { beforeAll, describe, expect, it } from "vitest";
import { TOOL_KINDS, TOOLS, toolUrls } from "../src/dashboard/tools/catalog.ts";
import app from "../src/index.ts";
import { Browser, signedUp, unescapeHtml } from "./dashboard.helpers.ts";
import { newAccountWithKey, type TestKey } from "./helpers.ts";

const ORIGIN = "https://gw.example.com";

/** GET through the Worker with some variables changed, as an operator's deployment would have them. */
async function withEnv(vars: Partial<Env>, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The cells of one model's row in the headline price table: tier → text. */
function priceRow(html: string, model: string): Record<string, string> {
  const row = new RegExp(`<tr data-model="${model.replace(/\./g, "\\.")}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`no row for ${model}`);
  const cells: Record<string, string> = {};
  for (const m of row.matchAll(/data-tier="(\w+)">([^<]*)</g)) cells[m[1]!] = m[2]!;
  cells.context = /data-context="(\d+)"/.exec(row)?.[1] ?? "";
  return cells;
}

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey({ usd: "20" });
});

describe("landing page", () => {
  it("is a page of its own at /, not a redirect to the login form", async () => {
    const res = await new Browser(ORIGIN).get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = unescapeHtml(await res.text());
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(html).toContain('<meta name="description"');
    // Sign-up, docs and tools; the quick start in four steps.
    expect(html).toContain('href="/signup"');
    expect(html).toContain('href="/docs"');
    expect(html).toContain('href="/tools"');
    const steps = html.slice(html.indexOf('id="quick-start"'), html.indexOf('id="base-urls"'));
    expect(steps.match(/<li>/g)).toHaveLength(4);
    for (const word of ["Sign up", "Top up", "USDT, BTC or ETH", "API key", "base URL"])
      expect(steps).toContain(word);
    // Base URLs of this deployment, for each kind of client.
    expect(html).toContain(`<code>${ORIGIN}/api/proxy</code>`);
    expect(html).toContain(`<code>${ORIGIN}/api/proxy/v1</code>`);
    // The plans with their limits.
    const plans = html.slice(html.indexOf('id="plan-cards"'));
    expect(plans).toContain("Free");
    expect(plans).toContain("$19.00 once");
    expect(plans).toContain("50% off");
    expect(plans).toContain("80% off");
    expect(plans).toContain("200 requests per minute per key");
    expect(plans).toContain("1,000,000 tokens per minute per key");
    expect(plans).toContain("500 requests per minute per key");
    expect(plans).toContain("2,000,000 tokens per minute per key");
  });

  it("lists every model of the billing table at list, Basic and Pro prices, with its context window", async () => {
    const html = await new Browser().page("/");
    for (const [model, row] of Object.entries(DEFAULT_PRICE_TABLE)) {
      expect(priceRow(html, model).context).toBe(String(row.contextWindow));
    }
    // By hand: Opus 5.5 lists at $4 / $20; Basic pays 50%, Pro 20%. Haiku 5.5 at $0.10 / $0.50.
    expect(priceRow(html, "claude-opus-5-5")).toMatchObject({
      list: "$4.00 / $20.00",
      basic: "$2.00 / $10.00",
      pro: "$0.80 / $4.00",
    });
    expect(priceRow(html, "claude-haiku-5-5")).toMatchObject({
      list: "$0.10 / $0.50",
      basic: "$0.05 / $0.25",
      pro: "$0.02 / $0.10",
    });
    expect(html).toMatch(/data-context="1000000">1M</);
    expect(html).toMatch(/data-context="1050000">1\.05M</);
  });

  it("moves with the operator's price override", async () => {
    // The bill moving with it needs the AccountDO to see the same variable: e2e/price-override.e2e.test.ts.
    const vars = {
      PRICE_TABLE_JSON: JSON.stringify({
        "claude-sonnet-4-6": { input: "7", output: "35" },
        "house-model": { family: "openai", input: "2", output: "4", maxOutput: 8_000, contextWindow: 32_000 },
      }),
    };
    const before = priceRow(await new Browser().page("/"), "claude-sonnet-4-6");
    expect(before).toMatchObject({ list: "$3.00 / $15.00", basic: "$1.50 / $7.50", pro: "$0.60 / $3.00" });
    const page = await (await withEnv(vars, new Request(`${ORIGIN}/`))).text();
    expect(priceRow(page, "claude-sonnet-4-6")).toMatchObject({
      list: "$7.00 / $35.00",
      basic: "$3.50 / $17.50",
      pro: "$1.40 / $7.00",
    });
    expect(priceRow(page, "house-model")).toMatchObject({ list: "$2.00 / $4.00", context: "32000" });
  });

  it("shows the operator's support contact, and nothing when none is set", async () => {
    const mail = await (
      await withEnv({ SUPPORT_CONTACT: "help@gw.example.com" }, new Request(`${ORIGIN}/`))
    ).text();
    expect(mail).toContain('<a href="mailto:help@gw.example.com">help@gw.example.com</a>');
    const url = await (
      await withEnv({ SUPPORT_CONTACT: "https://t.me/gwhelp" }, new Request(`${ORIGIN}/`))
    ).text();
    expect(url).toContain('<a href="https://t.me/gwhelp">t.me/gwhelp</a>');
    const none = await (await withEnv({ SUPPORT_CONTACT: "" }, new Request(`${ORIGIN}/`))).text();
    expect(none).not.toContain('id="support"');
  });

  it("offers a logged-in visitor their dashboard instead of the sign-up", async () => {
    const { browser } = await signedUp();
    const html = await browser.page("/");
    expect(html).toContain('<a class="btn primary" href="/dashboard" id="cta-dashboard">');
    expect(html).not.toContain('id="cta-signup"');
    const anonymous = await new Browser().page("/");
    expect(anonymous).toContain('id="cta-signup"');
    expect(anonymous).not.toContain('id="cta-dashboard"');
  });
});

describe("/pricing", () => {
  it("prices every token kind per plan, with limits and long-context tiers", async () => {
    const html = unescapeHtml(await new Browser().page("/pricing"));
    for (const plan of ["list", "basic", "pro"]) expect(html).toContain(`data-plan="${plan}"`);
    const list = html.slice(html.indexOf('data-plan="list"'));
    // Opus 5.5 at list: $4 input, $20 output, writes $5 / $8, reads $0.20 (0.05×).
    const opus = list.slice(list.indexOf("<code>claude-opus-5-5</code>"));
    expect(opus.slice(0, opus.indexOf("</tr>"))).toMatch(
      /\$4\.00<\/td><td class="n">\$20\.00<\/td><td class="n">\$5\.00<\/td><td class="n">\$8\.00<\/td><td class="n">\$0\.20</,
    );
    expect(html).toContain("claude-haiku-5-5 above 100,000 input tokens at $0.50 / $2.50 list");
    expect(html).toContain("gpt-6.1-sol above 272,000 input tokens at $4.00 / $15.00 list");
    expect(html).toContain("web_search: $10.00 per 1,000 uses, plus tokens");
    expect(html).toContain("4,096 when the request names none");
  });
});

describe("/tools", () => {
  it("lists the 14 tools of the product's list and the 4 more, each with its kind and one line", async () => {
    const html = unescapeHtml(await new Browser(ORIGIN).page("/tools"));
    const fourteen = [
      "Aider",
      "Claude Code",
      "Cline",
      "Codex CLI",
      "Continue",
      "Cursor",
      "Gemini CLI",
      "Goose",
      "Kilo Code",
      "OpenClaw",
      "OpenCode",
      "OpenHands",
      "Windsurf",
      "Zed",
    ];
    const more = ["Roo Code", "Cherry Studio", "LobeChat", "LibreChat"];
    expect(TOOLS.map((t) => t.name).sort()).toEqual([...fourteen, ...more].sort());
    for (const tool of TOOLS) {
      const row = new RegExp(`<tr data-tool="${tool.slug}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
      expect(row).toContain(`<a href="/tools/${tool.slug}">${tool.name}</a>`);
      expect(row).toContain(`<td data-label="Kind">${tool.kind}</td>`);
      expect(row).toContain(tool.summary.split("`")[0]!);
    }
    for (const kind of TOOL_KINDS) expect(html).toContain(`data-kind="${kind}"`);
    expect(new Set(TOOLS.map((t) => t.kind))).toEqual(new Set(TOOL_KINDS));
  });

  it.each(TOOLS.map((t) => [t.slug, t] as const))(
    "/tools/%s has this deployment's base URL",
    async (slug, tool) => {
      const res = await new Browser(ORIGIN).get(`/tools/${slug}`);
      expect(res.status).toBe(200);
      const html = unescapeHtml(await res.text());
      expect(html).toContain(`<code id="tool-base-url">${tool.baseUrl(toolUrls(ORIGIN))}</code>`);
      expect(html).toContain(ORIGIN);
      expect(html).toContain("Recommended models");
    },
  );

  it("keeps /docs/tools and /docs/tools/<tool> as permanent redirects", async () => {
    const index = await new Browser().get("/docs/tools");
    expect(index.status).toBe(301);
    expect(new URL(index.headers.get("location")!, ORIGIN).pathname).toBe("/tools");
    const guide = await new Browser().get("/docs/tools/claude-code");
    expect(guide.status).toBe(301);
    expect(new URL(guide.headers.get("location")!, ORIGIN).pathname).toBe("/tools/claude-code");
  });

  it("Codex: the built-in provider (openai_base_url + codex login, over the WebSocket) and a custom provider (env_key, over HTTP)", async () => {
    const html = unescapeHtml(await new Browser(ORIGIN).page("/tools/codex"));
    const builtIn = html.indexOf(`openai_base_url = "${ORIGIN}/api/proxy/v1"`);
    // The steps in order (the tool's settings, listed above them, name them too).
    const login = html.indexOf("| codex login --with-api-key", builtIn);
    const custom = html.indexOf(`base_url = "${ORIGIN}/api/proxy/v1"\nenv_key = "CC_GATEWAY_API_KEY"`, login);
    expect(builtIn).toBeGreaterThan(0);
    expect(login).toBeGreaterThan(builtIn);
    expect(custom).toBeGreaterThan(login);
    // Which transport each setup uses, said next to it.
    expect(html.slice(0, builtIn)).toContain("Responses API over a WebSocket");
    expect(html.slice(login, custom)).toContain("over HTTP with SSE");
    expect(html).toContain(
      "The <code>OPENAI_BASE_URL</code> environment variable is no longer read by Codex",
    );
  });

  it("OpenClaw: both provider APIs, each with its own base URL, the model's limits, the ref format", async () => {
    const html = unescapeHtml(await new Browser(ORIGIN).page("/tools/openclaw"));
    expect(html).toContain("~/.openclaw/openclaw.json");
    expect(html).toContain(`"baseUrl": "${ORIGIN}/api/proxy",`);
    expect(html).toContain('"api": "anthropic-messages"');
    expect(html).toContain(`"baseUrl": "${ORIGIN}/api/proxy/v1",`);
    expect(html).toContain('"api": "openai-completions"');
    expect(html).toContain(`"apiKey": "\${CC_GATEWAY_API_KEY}"`);
    expect(html).toContain('"primary": "ccgateway/claude-sonnet-4-6"');
    // Sonnet 4.6's limits from the price table.
    expect(html).toContain('"contextWindow": 1000000');
    expect(html).toContain('"maxTokens": 64000');
    expect(html).toContain("openclaw models set ccgateway/claude-sonnet-4-6");
    expect(html).toContain("Common mistakes");
    expect(html).toContain("<code>anthropic-messages</code> takes <code>…/api/proxy</code>");
  });

  it("OpenHands: openai/ model, /v1 base URL, the LLM_* variables and the Docker host", async () => {
    const html = unescapeHtml(await new Browser("http://localhost:8787").page("/tools/openhands"));
    expect(html).toContain("Custom Model:  openai/claude-sonnet-4-6");
    expect(html).toContain("Base URL:      http://localhost:8787/api/proxy/v1");
    expect(html).toContain("export LLM_MODEL=openai/claude-sonnet-4-6");
    expect(html).toContain("export LLM_BASE_URL=http://localhost:8787/api/proxy/v1");
    expect(html).toContain("openhands --override-with-envs");
    expect(html).toContain("http://host.docker.internal:8787/api/proxy/v1");
    expect(html).toContain("Forgetting the <code>openai/</code> prefix");
  });

  it("Gemini CLI: the base URL without /v1beta, the key, a Gemini model, the headless sign-in", async () => {
    const html = unescapeHtml(await new Browser(ORIGIN).page("/tools/gemini-cli"));
    expect(html).not.toContain('<div class="note" role="note">');
    expect(html).toContain(`export GOOGLE_GEMINI_BASE_URL=${ORIGIN}/api/proxy`);
    expect(html).toContain("gemini -m gemini-3.1-pro-preview");
    expect(html).toContain('"selectedType": "gemini-api-key"');
  });
});

describe("/docs", () => {
  const sections = [
    "quick-start",
    "authentication",
    "base-urls",
    "models",
    "messages-api",
    "openai-compatible",
    "responses-api",
    "gemini-api",
    "streaming",
    "caching",
    "thinking",
    "errors",
    "rate-limits",
    "claude-code",
    "tools",
  ];

  it("has every section, linked from its table of contents", async () => {
    const html = await new Browser(ORIGIN).page("/docs");
    for (const id of sections) {
      expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain(`href="#${id}"`);
    }
  });

  it("gives each API section Python, Node.js and cURL examples on this deployment's base URL", async () => {
    const html = unescapeHtml(await new Browser(ORIGIN).page("/docs"));
    for (const id of ["messages", "count-tokens", "chat", "responses", "streaming", "caching", "thinking"]) {
      const python = new RegExp(`<code id="${id}-python">([\\s\\S]*?)</code>`).exec(html)?.[1] ?? "";
      const node = new RegExp(`<code id="${id}-node">([\\s\\S]*?)</code>`).exec(html)?.[1] ?? "";
      const curl = new RegExp(`<code id="${id}-curl">([\\s\\S]*?)</code>`).exec(html)?.[1] ?? "";
      expect(python, id).toMatch(new RegExp(`base_url="${ORIGIN}/api/proxy(/v1)?"`));
      expect(node, id).toMatch(new RegExp(`baseURL: "${ORIGIN}/api/proxy(/v1)?"`));
      expect(curl, id).toMatch(new RegExp(`^curl (-N )?${ORIGIN}/api/proxy/v1/`));
    }
  });

  it("documents the Messages fields, with max_tokens optional at 4096", async () => {
    const html = unescapeHtml(await new Browser().page("/docs"));
    const row = (field: string) =>
      new RegExp(`<tr data-field="${field}">([\\s\\S]*?)</tr>`).exec(html)?.[1]?.replace(/<[^>]+>/g, "|") ??
      "";
    expect(row("max_tokens")).toMatch(/integer\|+no\|+4,096/);
    expect(row("model")).toMatch(/string\|+yes/);
    expect(row("messages")).toMatch(/yes/);
    expect(row("thinking")).toContain("the model's default");
  });

  it("documents caching sizes and lifetime, and the budget → effort rule with its bounds", async () => {
    const html = unescapeHtml(await new Browser().page("/docs"));
    expect(html).toContain("1,024 tokens for Sonnet and Opus 4.x models, 2,048 for Haiku 4.5");
    expect(html).toContain("5 minutes, refreshed every time the prefix is read");
    const rule = html.slice(
      html.indexOf('id="budget-effort"'),
      html.indexOf("</table>", html.indexOf('id="budget-effort"')),
    );
    expect(rule).toContain("below 4,096");
    expect(rule).toContain("4,096 to 16,383");
    expect(rule).toContain("16,384 and above");
    expect(html).toMatch(
      /Models that accept only adaptive thinking:[\s\S]*claude-opus-4-7[\s\S]*claude-opus-5-5[\s\S]*claude-haiku-5-5/,
    );
  });

  it("lists the default models of Claude Code and Codex CLI as offered", async () => {
    const html = await new Browser().page("/docs");
    for (const model of ["claude-opus-5-5", "claude-haiku-5-5", "gpt-6.1-sol"]) {
      expect(html).toContain(`<tr data-model="${model}">`);
    }
    expect(html).toContain("then just run <code>claude</code>");
  });
});

describe("icons", () => {
  it("serves /favicon.ico and /favicon.svg", async () => {
    const ico = await new Browser().get("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toBe("image/x-icon");
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 2, 0]); // ICO header, two images
    const svg = await new Browser().get("/favicon.svg");
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg /);
  });
});

describe("pages for browsers, JSON for programs", () => {
  const get = (path: string, accept: string) => new Browser().fetch(path, { headers: { accept } });
  const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  it("an unknown site path is an HTML 404 page for a browser", async () => {
    const res = await get("/no-such-page", BROWSER);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).toContain('href="/docs"');
  });

  it("keeps JSON for API paths, and for programs that do not ask for HTML", async () => {
    for (const [path, accept] of [
      ["/api/proxy/v1/nope", BROWSER],
      ["/api/proxy/nope", BROWSER],
      ["/no-such-page", "*/*"],
      ["/v1/messages", "application/json"],
    ] as const) {
      const res = await get(path, accept);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/json");
    }
  });

  it("a page that fails is an HTML error page with the request id, the API stays JSON", async () => {
    const broken = { PRICE_TABLE_JSON: "{not json" };
    const page = await withEnv(broken, new Request(`${ORIGIN}/pricing`, { headers: { accept: BROWSER } }));
    expect(page.status).toBe(500);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain("<h1>Something went wrong</h1>");
    expect(html).toContain(`<code>${page.headers.get("request-id")}</code>`);
    expect(html).not.toContain('"type":"error"');

    const api = await withEnv(
      broken,
      new Request(`${ORIGIN}/api/proxy/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": caller.key, "content-type": "application/json" },
        body: JSON.stringify({
          model: "claude-sonnet-4-6",
          max_tokens: 8,
          messages: [{ role: "user", content: "x" }],
        }),
      }),
    );
    expect(api.status).toBe(500);
    expect(((await api.json()) as { type: string }).type).toBe("error");
  });

  it("a dashboard page that fails is a page too", async () => {
    const { browser } = await signedUp();
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const failingDb = new Proxy(env.DB, {
      get: (target, prop) =>
        prop === "prepare"
          ? () => {
              throw new Error("D1 is down");
            }
          : Reflect.get(target, prop),
    });
    const res = await withEnv(
      { DB: failingDb },
      new Request(`${ORIGIN}/dashboard`, { headers: { cookie, accept: BROWSER } }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("This page failed to load.");
  });
});
