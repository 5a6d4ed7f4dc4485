import { type PriceRow, type PriceTable, priceFor } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { priceTable } from "./prices.ts";
import { unknownModelMessage } from "./unknown-model.ts";

/** The 400 for a model the price table in force does not list: it names those that are. */
export const unknownModel = (model: string, table: PriceTable): GatewayError =>
  new GatewayError("invalid_request", unknownModelMessage(model, table), { param: "model" });

/**
 * A model's row in the price table in force: its vendor family (which decides the upstream and
 * whether a request is translated), its prices and its limits. An unlisted model is a 400.
 */
export function modelRow(env: Env, model: string): Readonly<PriceRow> {
  const table = priceTable(env);
  const row = priceFor(table, model);
  if (!row) throw unknownModel(model, table);
  return row;
}
