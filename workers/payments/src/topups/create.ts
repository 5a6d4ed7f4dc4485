import { usdToNano } from "@cc/billing";
import { queries } from "@cc/db";
import {
  isTopupAmount,
  MAX_TOPUP_USD,
  MIN_TOPUP_USD,
  TOPUP_AMOUNT_PATTERN,
  TOPUP_COINS,
  TOPUP_PROVIDERS,
} from "@cc/topups";
import { randomBase62 } from "@cc/web-crypto";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { log } from "../lib/log.ts";

export const CreateTopupInput = z.object({
  accountId: z.string().min(1),
  /** USD, a decimal string with at most 2 decimals, $5 to $10,000. */
  amountUsd: z.string().regex(TOPUP_AMOUNT_PATTERN, "a USD amount with at most 2 decimals"),
  coin: z.enum(TOPUP_COINS),
  provider: z.enum(TOPUP_PROVIDERS),
  /** Where the customer returns after paying. */
  returnUrl: z.url({ protocol: /^https?$/ }),
  /** The origin the customer is on (the gateway's): callbacks and the dev processor's page go there when PUBLIC_URL is empty. */
  origin: z.url({ protocol: /^https?$/ }).optional(),
});
export type CreateTopupInput = z.infer<typeof CreateTopupInput>;

export type CreateTopupResult =
  | { ok: true; topupId: string; invoiceUrl: string; status: "pending" }
  | { ok: false; reason: "invalid" | "provider_unavailable" | "processor_error"; message: string };

const fail = (reason: "invalid" | "provider_unavailable" | "processor_error", message: string) =>
  ({ ok: false, reason, message }) as const;

/**
 * Creates a top-up: the row first (status created, docs/payments.md), then the processor's
 * invoice (→ pending, or → failed when the processor refuses).
 */
export async function createTopup(deps: Deps, raw: CreateTopupInput): Promise<CreateTopupResult> {
  const parsed = CreateTopupInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail("invalid", `${issue?.path.join(".") ?? "input"}: ${issue?.message ?? "invalid"}`);
  }
  const input = parsed.data;
  if (!isTopupAmount(input.amountUsd))
    return fail("invalid", `amountUsd: must be between ${MIN_TOPUP_USD} and ${MAX_TOPUP_USD}`);
  const provider = deps.provider(input.provider);
  if (!provider) return fail("provider_unavailable", `The ${input.provider} processor is not enabled.`);
  if (!provider.coins.includes(input.coin))
    return fail("invalid", `coin: ${input.provider} accepts ${provider.coins.join(", ")}`);
  // Processors call back on PUBLIC_URL when it is set, else on the origin the customer used to
  // reach the gateway: this Worker has no URL of its own, so /payments/* is always the gateway's.
  const publicOrigin = (deps.env.PUBLIC_URL || input.origin || "").replace(/\/+$/, "");
  if (!publicOrigin)
    return fail(
      "provider_unavailable",
      "Neither PUBLIC_URL nor the gateway's origin is known: processors cannot call back.",
    );

  const amountNano = usdToNano(input.amountUsd);
  const now = deps.now();
  const topupId = `topup_${randomBase62(12)}`;
  await queries.insertTopup(deps.db, {
    id: topupId,
    accountId: input.accountId,
    provider: provider.id,
    amountRequestedNano: amountNano,
    coin: input.coin,
    status: "created",
    statusRank: queries.topupRank("created"),
    createdAt: now,
    updatedAt: now,
  });
  let invoice: Awaited<ReturnType<typeof provider.createInvoice>>;
  try {
    invoice = await provider.createInvoice({
      topupId,
      amountUsd: input.amountUsd,
      coin: input.coin,
      callbackUrl: `${publicOrigin}/payments/callbacks/${provider.id}`,
      returnUrl: input.returnUrl,
      publicOrigin,
    });
  } catch (err) {
    log("error", "invoice creation failed", { topupId, provider: provider.id, error: String(err) });
    await queries.advanceTopup(deps.db, topupId, "failed", deps.now());
    return fail("processor_error", "The payment processor could not create an invoice; try again later.");
  }
  await queries.setTopupInvoice(deps.db, topupId, {
    providerInvoiceId: invoice.invoiceId,
    invoiceUrl: invoice.invoiceUrl,
    expiresAt: invoice.expiresAt,
    now: deps.now(),
  });
  await queries.advanceTopup(deps.db, topupId, "pending", deps.now());
  return { ok: true, topupId, invoiceUrl: invoice.invoiceUrl, status: "pending" };
}
