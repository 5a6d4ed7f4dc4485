/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { nanoToUsdString } from "@cc/billing";
import { ledgerQueries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { MessagePage } from "../auth/pages.tsx";
import { utcDay } from "../components/format.ts";
import { render, type SignedInEnv } from "../http.tsx";
import { csvRecord } from "../usage/csv.ts";
import { LedgerEntryPage, LedgerPage } from "./page.tsx";
import {
  formatLedgerCursor,
  KIND_LABELS,
  type LedgerCursor,
  type LedgerItem,
  ledgerPage,
  parseLedgerCursor,
} from "./view.ts";

/** /dashboard/ledger: the readable ledger, each money entry's page, and its CSV export (streamed). */
export const ledger = new Hono<SignedInEnv>();

const PAGE = 50;
const EXPORT_PAGE = 500;

ledger.get("/dashboard/ledger", async (c) => {
  const cursor = parseLedgerCursor(c.req.query("before"));
  const page = await ledgerPage(c.env, c.var.session.accountId, cursor, PAGE);
  return render(
    c,
    <LedgerPage
      ctx={c.var.page}
      items={page.items}
      next={page.next ? formatLedgerCursor(page.next) : undefined}
      paged={cursor !== undefined}
    />,
  );
});

export const LEDGER_CSV_COLUMNS = [
  "time_utc",
  "kind",
  "description",
  "amount_usd",
  "balance_after_usd",
  "reference",
  "memo",
] as const;

/** A ledger row in the export: exact amounts; a usage day stamped at its last millisecond. */
export const ledgerCsvLine = (item: LedgerItem): string =>
  item.type === "money"
    ? csvRecord([
        new Date(item.entry.createdAt).toISOString(),
        item.entry.kind,
        KIND_LABELS[item.entry.kind] ?? item.entry.kind,
        nanoToUsdString(item.entry.amountNano),
        nanoToUsdString(item.entry.balanceAfterNano),
        item.entry.reference,
        item.entry.memo,
      ])
    : csvRecord([
        new Date(item.at).toISOString(),
        "usage",
        `Usage on ${utcDay(item.day)} (UTC): ${item.requests} requests`,
        nanoToUsdString(item.amountNano),
        nanoToUsdString(item.balanceAfterNano),
        item.id,
        item.models.map((m) => `${m.model} ${nanoToUsdString(m.costNano)}`).join("; "),
      ]);

ledger.get("/dashboard/ledger.csv", (c) => {
  const { accountId } = c.var.session;
  const encoder = new TextEncoder();
  let cursor: LedgerCursor | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRecord(LEDGER_CSV_COLUMNS)));
          return;
        }
        const page = await ledgerPage(c.env, accountId, cursor, EXPORT_PAGE);
        if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map(ledgerCsvLine).join("")));
        cursor = page.next;
        if (!cursor) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="ledger.csv"',
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

ledger.get("/dashboard/ledger/:id", async (c) => {
  const entry = await ledgerQueries.ledgerEntry(
    drizzle(c.env.DB),
    c.var.session.accountId,
    c.req.param("id"),
  );
  if (!entry || entry.kind === "usage")
    return render(c, <MessagePage ctx={c.var.page} title="Not found" message="No such entry." />, 404);
  return render(c, <LedgerEntryPage ctx={c.var.page} entry={entry} />);
});
