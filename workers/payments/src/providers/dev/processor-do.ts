import { DurableObject } from "cloudflare:workers";
import { randomBase62 } from "@cc/web-crypto";

/** The dev processor's view of one invoice, in nano-USD (no crypto: it pays in USD directly). */
export interface DevInvoice {
  invoiceId: string;
  orderId: string;
  amountNano: number;
  coin: string;
  returnUrl: string;
  expiresAt: number;
  /** "Let it expire" was pressed. Later payments are still accepted (a late payment). */
  expired: boolean;
  payments: Array<{ id: string; amountNano: number; at: number }>;
}

export type DevStatus = "waiting" | "partially_paid" | "paid" | "expired";

export interface DevInvoiceState extends DevInvoice {
  status: DevStatus;
  paidNano: number;
}

const KEY = "invoice";

/**
 * The embedded dev processor's own state, one object per dev invoice (idFromName(invoice id)):
 * what a real processor's database would hold. Its fetchPayment reads this, never our D1 rows,
 * so the callback → re-query → credit path is the same as for real processors.
 */
export class DevProcessor extends DurableObject {
  async open(invoice: Omit<DevInvoice, "expired" | "payments">): Promise<void> {
    if (await this.ctx.storage.get<DevInvoice>(KEY)) return;
    await this.ctx.storage.put<DevInvoice>(KEY, { ...invoice, expired: false, payments: [] });
  }

  async invoice(): Promise<DevInvoiceState | undefined> {
    const inv = await this.ctx.storage.get<DevInvoice>(KEY);
    return inv && withStatus(inv, Date.now());
  }

  /** Pays what is due ("full") or half the invoice, capped at what is due; undefined when nothing is. */
  async pay(mode: "full" | "half"): Promise<{ paymentId: string } | undefined> {
    const inv = await this.ctx.storage.get<DevInvoice>(KEY);
    if (!inv) return undefined;
    const due = inv.amountNano - paid(inv);
    const amountNano = mode === "full" ? due : Math.min(due, Math.floor(inv.amountNano / 2));
    if (amountNano <= 0) return undefined;
    const paymentId = `devpay_${randomBase62(12)}`;
    inv.payments.push({ id: paymentId, amountNano, at: Date.now() });
    await this.ctx.storage.put(KEY, inv);
    return { paymentId };
  }

  async expire(): Promise<boolean> {
    const inv = await this.ctx.storage.get<DevInvoice>(KEY);
    if (!inv || inv.expired) return false;
    inv.expired = true;
    await this.ctx.storage.put(KEY, inv);
    return true;
  }
}

const paid = (inv: DevInvoice) => inv.payments.reduce((n, p) => n + p.amountNano, 0);

function withStatus(inv: DevInvoice, now: number): DevInvoiceState {
  const paidNano = paid(inv);
  const over = inv.expired || now >= inv.expiresAt;
  const status: DevStatus =
    paidNano >= inv.amountNano ? "paid" : paidNano > 0 ? "partially_paid" : over ? "expired" : "waiting";
  return { ...inv, status, paidNano };
}
