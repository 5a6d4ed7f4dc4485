import { type PriceRow, priceFor } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { priceTable } from "./prices.ts";

/** The 400 for a model the price table in force does not list. */
export const unknownModel = (model: string): GatewayError =>
  new GatewayError("invalid_request", `model: '${model}' is not offered by this gateway.`, {
    param: "model",
  });

/**
 * A model's row in the price table in force: its vendor family (which decides the upstream and
 * whether a request is translated), its prices and its limits. An unlisted model is a 400.
 */
export function modelRow(env: Env, model: string): Readonly<PriceRow> {
  const row = priceFor(priceTable(env), model);
  if (!row) throw unknownModel(model);
  return row;
}
