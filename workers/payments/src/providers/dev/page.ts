import { nanoToUsdString } from "@cc/billing";
import type { DevInvoiceState } from "./processor-do.ts";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

const usd = (nano: number) => `$${nanoToUsdString(nano)}`;

/** Only http(s) return links are rendered: a stored URL never becomes `javascript:`. */
const safeHref = (url: string): string | undefined => {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
};

const LABEL = {
  waiting: "Waiting for payment",
  partially_paid: "Partially paid",
  paid: "Paid",
  expired: "Expired",
} as const;

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#f6f7f9;color:#1d2330}
main{max-width:28rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 .25rem}.muted{color:#667}.amount{font-size:2rem;font-weight:700;margin:.5rem 0}
.status{display:inline-block;padding:.15rem .6rem;border-radius:99px;background:#eef;font-weight:600}
form{margin:.6rem 0}button{width:100%;padding:.9rem;font-size:1rem;border:0;border-radius:8px;cursor:pointer}
.primary{background:#2456d6;color:#fff}.secondary{background:#e6eaf2}.danger{background:#fbe9e9;color:#a11}
button:disabled{opacity:.5;cursor:default}ul{padding-left:1.2rem}.note{background:#fff7e0;padding:.5rem;border-radius:8px}`;

/**
 * The dev processor's hosted invoice page: plain HTML and three POST forms (no script), so
 * it works in any browser and on a phone. Buttons carry ids for browser tests.
 */
export function renderInvoicePage(inv: DevInvoiceState, notice?: string): string {
  const base = `/payments/dev/invoice/${encodeURIComponent(inv.invoiceId)}`;
  const due = Math.max(0, inv.amountNano - inv.paidNano);
  const done = inv.status === "paid";
  const back = safeHref(inv.returnUrl);
  const payments = inv.payments.map(
    (p) => `<li>${usd(p.amountNano)} <span class="muted">${escapeHtml(p.id)}</span></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev invoice ${escapeHtml(inv.invoiceId)}</title><style>${CSS}</style></head>
<body><main>
<h1>Development processor</h1>
<p class="muted">Test payments only: no real money moves. Coin: ${escapeHtml(inv.coin)}</p>
<div class="amount" id="amount">${usd(inv.amountNano)}</div>
<p>Status: <span class="status" id="status" data-status="${inv.status}">${LABEL[inv.status]}</span></p>
<p>Paid <b id="paid">${usd(inv.paidNano)}</b>, due <b id="due">${usd(due)}</b></p>
${notice ? `<p class="note" id="notice">${escapeHtml(notice)}</p>` : ""}
<form method="post" action="${base}/pay"><input type="hidden" name="mode" value="full">
<button class="primary" id="pay-full" type="submit"${done ? " disabled" : ""}>Pay in full (${usd(due)})</button></form>
<form method="post" action="${base}/pay"><input type="hidden" name="mode" value="half">
<button class="secondary" id="pay-half" type="submit"${done ? " disabled" : ""}>Pay partially (half)</button></form>
<form method="post" action="${base}/expire">
<button class="danger" id="expire" type="submit"${done || inv.expired ? " disabled" : ""}>Let it expire</button></form>
${payments.length ? `<h2>Payments</h2><ul id="payments">${payments.join("")}</ul>` : ""}
${back ? `<p><a id="back" href="${escapeHtml(back)}">Back to your account</a></p>` : ""}
<p class="muted">Order ${escapeHtml(inv.orderId)} · invoice ${escapeHtml(inv.invoiceId)}</p>
</main></body></html>`;
}
