import { DEFAULT_PRICE_TABLE, type PriceTable, parsePriceTable } from "@cc/billing";

let cached: { source: string; table: PriceTable } | undefined;

/**
 * The price table in force: the defaults, with the operator's PRICE_TABLE_JSON override
 * merged over them. Parsed once per isolate and again only when the variable changes.
 */
export function priceTable(env: Env): PriceTable {
  const source = env.PRICE_TABLE_JSON ?? "";
  if (cached?.source === source) return cached.table;
  const table = source ? parsePriceTable(source) : DEFAULT_PRICE_TABLE;
  cached = { source, table };
  return table;
}
