import { queries, type Topup } from "@cc/db";
import { BodyTooLargeError, readBodyCapped } from "@cc/http-body";
import type { Deps } from "../deps.ts";
import { log } from "../lib/log.ts";
import type { CallbackRef } from "../providers/types.ts";
import { applyView } from "../topups/apply.ts";

/** Callbacks are small JSON documents; anything bigger is refused before it is hashed. */
const MAX_BODY_BYTES = 64 * 1024;

/** 200 with body `ok`: what OxaPay requires (https://docs.oxapay.com/webhook) and every other processor accepts. */
const ack = () => new Response("ok", { status: 200, headers: { "content-type": "text/plain" } });
const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain" } });

async function findTopup(deps: Deps, provider: string, ref: CallbackRef): Promise<Topup | undefined> {
  const byOrder = ref.orderId ? await queries.getTopup(deps.db, ref.orderId) : undefined;
  if (byOrder) return byOrder.provider === provider ? byOrder : undefined;
  return ref.invoiceId ? queries.findTopupByInvoice(deps.db, provider, ref.invoiceId) : undefined;
}

/**
 * POST /payments/callbacks/:provider. Order of work (docs/payments.md, "Handling a callback"):
 * raw bytes → signature (bad → 401, nothing recorded) → delivery dedupe → our top-up (unknown →
 * 200, logged) → re-query the processor → credit + transition → record the delivery → 200.
 * A failure worth retrying (D1, the gateway's RPC, the processor's API) answers 503, so the
 * processor delivers again (BTCPay retries only 5xx/408/429).
 */
export async function handleCallback(deps: Deps, providerId: string, request: Request): Promise<Response> {
  const provider = deps.provider(providerId);
  if (!provider) return text("not found", 404);
  let raw: Uint8Array;
  try {
    // Capped while reading: a chunked body (no Content-Length) cannot make us buffer more.
    raw = await readBodyCapped(request, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return text("too large", 413);
    throw err;
  }

  // Authenticate before anything else reads the body.
  if (!(await provider.verifyCallback(raw, request.headers))) {
    log("warn", "callback signature rejected", { provider: providerId });
    return text("invalid signature", 401);
  }
  const ref = await provider.parseCallback(raw, request.headers);
  if (!ref) {
    log("warn", "signed callback names nothing we handle", { provider: providerId });
    return ack();
  }
  const record = (topupId: string | null) =>
    queries.recordWebhookEvent(deps.db, {
      provider: providerId,
      eventKey: ref.eventKey,
      topupId,
      receivedAt: deps.now(),
      body: new TextDecoder().decode(raw),
    });
  try {
    if (await queries.hasWebhookEvent(deps.db, providerId, ref.eventKey)) return ack();
    const topup = await findTopup(deps, providerId, ref);
    if (!topup) {
      // Unknown to us: answering an error would only make the processor retry forever.
      log("warn", "callback for an unknown order", {
        provider: providerId,
        orderId: ref.orderId,
        invoiceId: ref.invoiceId,
      });
      await record(null);
      return ack();
    }
    // The callback is a trigger; the processor's API is the truth.
    const view = await provider.fetchPayment({
      invoiceId: ref.invoiceId ?? topup.providerInvoiceId,
      paymentId: ref.paymentId ?? topup.providerPaymentId,
    });
    if (!view) {
      log("warn", "processor does not know the payment yet", { provider: providerId, topupId: topup.id });
      return text("payment not found at the processor; retry later", 503);
    }
    const outcome = await applyView(deps, topup, view);
    await record(topup.id);
    log("info", "callback handled", {
      provider: providerId,
      topupId: topup.id,
      status: view.rawStatus,
      outcome,
    });
    return ack();
  } catch (err) {
    log("error", "callback failed; the processor will retry", { provider: providerId, error: String(err) });
    return text("temporary failure; retry later", 503);
  }
}
