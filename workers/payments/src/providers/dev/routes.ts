import { hmacHex, randomBase62, utf8 } from "@cc/web-crypto";
import { type Context, Hono } from "hono";
import type { PaymentsAppEnv } from "../../app-env.ts";
import { DEV_SIGNATURE_HEADER, devInvoiceStub } from "./index.ts";
import { renderInvoicePage } from "./page.ts";

/** The dev processor's hosted pages; 404 unless the dev processor is enabled. */
export const devRoutes = new Hono<PaymentsAppEnv>();

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // No script, styles inline, forms only to ourselves.
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  "cache-control": "no-store",
};

devRoutes.use("*", async (c, next) => {
  if (!c.var.deps.provider("dev") || !c.env.DEV_INVOICES || !c.env.DEV_PROCESSOR_SECRET) return c.notFound();
  await next();
});

devRoutes.get("/invoice/:id", async (c) => {
  const inv = await devInvoiceStub({ invoices: c.env.DEV_INVOICES! }, c.req.param("id")).invoice();
  if (!inv) return c.notFound();
  return new Response(renderInvoicePage(inv, c.req.query("notice")), { headers: PAGE_HEADERS });
});

/**
 * After a change, the processor tells us as a real one would: a signed callback to
 * /payments/callbacks/dev, dispatched through this Worker's own router, so it takes the same
 * verify → re-query → credit path. Then the browser goes back to the page (POST → 303 → GET).
 */
async function notify(
  c: Context<PaymentsAppEnv>,
  invoiceId: string,
  paymentId: string | null,
): Promise<Response> {
  const inv = await devInvoiceStub({ invoices: c.env.DEV_INVOICES! }, invoiceId).invoice();
  if (!inv) return new Response("not found", { status: 404 });
  const body = JSON.stringify({
    delivery_id: `devdlv_${randomBase62(12)}`,
    invoice_id: invoiceId,
    order_id: inv.orderId,
    payment_id: paymentId,
    status: inv.status,
  });
  const signature = await hmacHex("SHA-256", c.env.DEV_PROCESSOR_SECRET!, utf8(body));
  const res = await c.var.dispatch(
    new Request(new URL("/payments/callbacks/dev", c.req.url), {
      method: "POST",
      headers: { "content-type": "application/json", [DEV_SIGNATURE_HEADER]: signature },
      body,
    }),
  );
  const page = `/payments/dev/invoice/${encodeURIComponent(invoiceId)}`;
  const notice = res.ok ? "" : `?notice=${encodeURIComponent("The callback failed; press again to retry.")}`;
  // Relative: the page is on whichever origin the browser used (the gateway forwards /payments/*).
  return new Response(null, { status: 303, headers: { location: page + notice } });
}

devRoutes.post("/invoice/:id/pay", async (c) => {
  const form = await c.req.parseBody();
  const mode = form.mode === "half" ? "half" : "full";
  const id = c.req.param("id");
  const stub = devInvoiceStub({ invoices: c.env.DEV_INVOICES! }, id);
  if (!(await stub.invoice())) return c.notFound();
  const payment = await stub.pay(mode);
  return notify(c, id, payment?.paymentId ?? null);
});

devRoutes.post("/invoice/:id/expire", async (c) => {
  const id = c.req.param("id");
  const stub = devInvoiceStub({ invoices: c.env.DEV_INVOICES! }, id);
  if (!(await stub.invoice())) return c.notFound();
  await stub.expire();
  return notify(c, id, null);
});
