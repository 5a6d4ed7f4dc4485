import { type Family, priceFor } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { priceTable } from "./prices.ts";
import { unknownModelMessage } from "./unknown-model.ts";

/**
 * The vendor family of a model in the price table in force, which decides the upstream and
 * whether a request is translated; a model the table does not list is a 400 naming it.
 */
export function modelFamily(env: Env, model: string): Family {
  const table = priceTable(env);
  const price = priceFor(table, model);
  if (!price) {
    throw new GatewayError("invalid_request", unknownModelMessage(model, table), {
      param: "model",
    });
  }
  return price.family;
}
