import { NANO_PER_USD, usdToNano } from "@cc/billing";
import { queries } from "@cc/db";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { randomId } from "../lib/ids.ts";
import { log } from "../lib/log.ts";
import { COINS, PROVIDER_IDS } from "../providers/types.ts";

export const MIN_TOPUP_NANO = 5 * NANO_PER_USD;
export const MAX_TOPUP_NANO = 10_000 * NANO_PER_USD;

export const CreateTopupInput = z.object({
  accountId: z.string().min(1),
  /** USD, a decimal string with at most 2 decimals, $5 to $10,000. */
  amountUsd: z.string().regex(/^\d{1,5}(\.\d{1,2})?$/, "a USD amount with at most 2 decimals"),
  coin: z.enum(COINS),
  provider: z.enum(PROVIDER_IDS),
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
 * Creates a top-up: the row first (status created, payments.md §11.1), then the processor's
 * invoice (→ pending, or → failed when the processor refuses).
 */
export async function createTopup(deps: Deps, raw: CreateTopupInput): Promise<CreateTopupResult> {
  const parsed = CreateTopupInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail("invalid", `${issue?.path.join(".") ?? "input"}: ${issue?.message ?? "invalid"}`);
  }
  const input = parsed.data;
  const amountNano = usdToNano(input.amountUsd);
  if (amountNano < MIN_TOPUP_NANO || amountNano > MAX_TOPUP_NANO)
    return fail("invalid", "amountUsd: must be between 5 and 10000");
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

  const now = deps.now();
  const topupId = randomId("topup_");
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
