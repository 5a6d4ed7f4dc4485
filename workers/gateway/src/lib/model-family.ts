import { type Family, priceFor } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { priceTable } from "./prices.ts";

/**
 * The vendor family of a model in the price table in force, which decides the upstream and
 * whether a request is translated; a model the table does not list is a 400 naming it.
 */
export function modelFamily(env: Env, model: string): Family {
  const price = priceFor(priceTable(env), model);
  if (!price) {
    throw new GatewayError("invalid_request", `model: '${model}' is not offered by this gateway.`, {
      param: "model",
    });
  }
  return price.family;
}
