import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { nanoToUsdString, usdToNano } from "@cc/billing";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../src/dashboard/usage/routes.tsx";
import { type Browser, signedUp, unescapeHtml } from "./dashboard.helpers.ts";
import { BASE, callMessages, credit, eventually, usageRows } from "./helpers.ts";

// /dashboard/usage: selection, totals, chart, requests by page, and the CSV export of the same.

const createKey = async (browser: Browser, name: string) => {
  const res = await browser.post("/dashboard/keys", { name, daily: "5" }, { from: "/dashboard/keys" });
  const html = await res.text();
  const key = /<code id="new-key-value">([^<]+)</.exec(html)![1]!;
  const row = await env.DB.prepare("SELECT id FROM api_keys WHERE name = ? ORDER BY created_at DESC")
    .bind(name)
    .first<{ id: string }>();
  return { key, id: row!.id };
};

/** Parses RFC 4180 CSV (quoted fields with doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

const chat = (key: string) =>
  exports.default.fetch(`${BASE}/api/proxy/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "gpt-5.5",
      max_completion_tokens: 32,
      messages: [{ role: "user", content: "hi" }],
    }),
  });

describe("usage analytics", () => {
  it("filters by key, model and format, totals the selection, and exports the same selection as CSV", async () => {
    const { browser, accountId } = await signedUp();
    await credit(accountId, "10");
    const alpha = await createKey(browser, "alpha");
    // A name a spreadsheet would run as a formula, with a comma and quotes.
    const tricky = await createKey(browser, '=HYPERLINK("x"),evil');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await callMessages({ key: alpha.key });
      expect(res.status).toBe(200);
      ids.push(res.headers.get("request-id")!);
      await res.arrayBuffer();
    }
    const third = await chat(tricky.key);
    expect(third.status).toBe(200);
    await third.arrayBuffer();
    const rows = await eventually(async () => {
      const all = await usageRows(accountId);
      return all.length === 3 ? all : undefined;
    });

    // Everything in the last 24 hours, charted by hour.
    const all = unescapeHtml(await browser.page("/dashboard/usage?range=24h"));
    expect(all).toContain('data-total="requests">3<');
    expect(all).toContain("By hour");
    const total = rows.reduce((n, r) => n + Number(r.cost_nano), 0);
    expect(all).toContain(`data-total="cost-exact">$${nanoToUsdString(total)}<`);
    expect(all).toMatch(/<title>\d{4}-\d\d-\d\d \d\d:00 · claude-sonnet-4-6: \$/);

    // By key: its two requests, their key's name in the table.
    const byKey = unescapeHtml(await browser.page(`/dashboard/usage?range=7d&key=${alpha.id}`));
    expect(byKey).toContain('data-total="requests">2<');
    expect(byKey).toContain("By day");
    for (const id of ids) expect(byKey).toContain(`data-request-id="${id}"`);
    expect(byKey).toMatch(/<td data-label="Key">alpha<\/td>/);
    expect(byKey).not.toContain('data-label="Model">gpt-5.5<');
    const byFormat = unescapeHtml(await browser.page("/dashboard/usage?range=7d&format=openai-chat"));
    expect(byFormat).toContain('data-total="requests">1<');
    const byModel = unescapeHtml(await browser.page("/dashboard/usage?range=7d&model=claude-sonnet-4-6"));
    expect(byModel).toContain('data-total="requests">2<');

    // The export of the key's selection: the same requests, the same total.
    const csvRes = await browser.get(`/dashboard/usage.csv?range=7d&key=${alpha.id}`);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="usage-/);
    const csv = parseCsv(await csvRes.text());
    expect(csv[0]).toEqual([...CSV_COLUMNS]);
    const data = csv.slice(1);
    expect(data.map((r) => r[1]).sort()).toEqual([...ids].sort());
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const exported = data.reduce((n, r) => n + usdToNano(r[col("cost_usd")]!), 0);
    const expected = rows.filter((r) => r.key_id === alpha.id).reduce((n, r) => n + Number(r.cost_nano), 0);
    expect(exported).toBe(expected);
    expect(
      data.every((r) => r[col("key_name")] === "alpha" && r[col("format")] === "anthropic-messages"),
    ).toBe(true);

    // The tricky name arrives as text, not as a formula.
    const trickyCsv = await (await browser.get(`/dashboard/usage.csv?range=7d&key=${tricky.id}`)).text();
    expect(trickyCsv).toContain(`,"'=HYPERLINK(""x""),evil",${tricky.id},gpt-5.5,openai-chat,`);
    expect(parseCsv(trickyCsv)[1]![col("key_name")]).toBe(`'=HYPERLINK("x"),evil`);

    // The keys page: each key's spend today and this month, its last use.
    const keys = unescapeHtml(await browser.page("/dashboard/keys"));
    const alphaRow = keys.slice(keys.indexOf(`data-key-id="${alpha.id}"`));
    expect(alphaRow).toMatch(/data-spend="today" title="\$[\d.]+">(<\$0\.01|\$\d+\.\d\d)</);
    expect(alphaRow).toContain(`title="$${nanoToUsdString(expected)}"`);
    expect(alphaRow).toContain("$5.00/day");
  });

  it("pages through a selection without repeating or losing a request", async () => {
    const { browser, accountId } = await signedUp();
    await credit(accountId, "10");
    const { key } = await createKey(browser, "pager");
    for (let i = 0; i < 5; i++) await (await callMessages({ key })).arrayBuffer();
    await eventually(async () => ((await usageRows(accountId)).length === 5 ? true : undefined));
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));
    const filter = { from: 0, to: Date.now() + 1 };
    const seen: string[] = [];
    let cursor: { at: number; id: string } | undefined;
    do {
      const page = await stub.requests(accountId, filter, cursor, 2);
      seen.push(...page!.rows.map((r) => r.id));
      cursor = page!.next;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual((await usageRows(accountId)).map((r) => String(r.id)).reverse());
  });

  it("explains a range it cannot use, and reads days on the viewer's clock", async () => {
    const { browser } = await signedUp();
    const bad = unescapeHtml(await browser.page("/dashboard/usage?from=2026-12-09&to=2026-12-01"));
    expect(bad).toContain("The range starts after it ends.");
    const today = new Date().toISOString().slice(0, 10);
    const east = unescapeHtml(await browser.page(`/dashboard/usage?from=${today}&to=${today}&tz=120`));
    expect(east).toContain("on your clock (UTC+02:00)");
    expect(east).toContain("By hour");
  });
});
