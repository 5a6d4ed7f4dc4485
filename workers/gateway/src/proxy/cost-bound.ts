import { type PriceRow, tierPercent, toolPrice, type WorstCase } from "@cc/billing";
import { estimateTokensFromBytes, GatewayError, type RequestCostFacts } from "@cc/formats";

/** What admission holds a request to: its TPM estimate and its worst-case usage. */
export interface CostBound {
  /** The input tokens the body stands for (bytes / 4, images at their bound): TPM, and the floor of an abnormal end. */
  inputEstimate: number;
  worstCase: WorstCase;
}

const notOffered = (field: string, what: string, model: string) =>
  new GatewayError("invalid_request", `${field}: ${what} is not offered by this gateway for ${model}.`, {
    param: field,
  });

/**
 * The worst case of a request on its model's price row, from the upstream body's size and cost
 * facts. Nothing unpriced is served: an extra the row cannot price, or one no table can price,
 * is a 400 naming the field, before any reservation or upstream call.
 *
 * Input bound: the body's estimate with inline media replaced by each image's bound; a request
 * with a document is bounded by the model's context window only (a PDF's tokens do not follow
 * its bytes). Never more than the context window: the vendor reads no more.
 */
/** Throws the 400 for the first thing in `facts` that no price table can bill. */
export function refuseUnbillable(facts: RequestCostFacts): void {
  const refused = facts.refused[0];
  if (refused) throw new GatewayError("invalid_request", refused.message, { param: refused.field });
}

export function costBound(
  facts: RequestCostFacts,
  bodyBytes: number,
  row: Readonly<PriceRow>,
  model: string,
): CostBound {
  refuseUnbillable(facts);
  const tier = facts.serviceTier;
  if (tier && tierPercent(row, tier.tier) === undefined)
    throw notOffered(tier.field, `service tier '${tier.tier}'`, model);
  const toolUses: Record<string, number> = {};
  for (const t of facts.tools) {
    if (toolPrice(row, t.tool) === undefined) throw notOffered(t.field, `the ${t.tool} tool`, model);
    toolUses[t.tool] = Math.max(toolUses[t.tool] ?? 0, t.maxUses);
  }
  const inputEstimate =
    estimateTokensFromBytes(Math.max(0, bodyBytes - facts.inlineMediaChars)) + facts.imageTokens;
  const worstCase: WorstCase = {
    inputTokens: facts.documents > 0 ? row.contextWindow : Math.min(inputEstimate, row.contextWindow),
    inputKind: facts.inputKind,
    maxOutputTokens: facts.maxOutputTokens,
    choices: facts.choices,
  };
  if (tier) worstCase.serviceTier = tier.tier;
  if (facts.tools.length > 0) worstCase.toolUses = toolUses;
  return { inputEstimate, worstCase };
}
