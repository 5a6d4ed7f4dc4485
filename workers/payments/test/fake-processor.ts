/**
 * A fake of the three processors' APIs (NOWPayments, BTCPay Greenfield, OxaPay), handed to
 * the Worker through its fetch seam: tests set what each processor "knows", the Worker
 * re-queries it exactly as it would the real API. Nothing reaches the Internet.
 */

export interface NpPayment {
  payment_id: number;
  invoice_id: number | null;
  order_id: string | null;
  payment_status: string;
  price_amount: number;
  price_currency: string;
  pay_amount: number;
  actually_paid: number;
  pay_currency: string;
  parent_payment_id?: number | null;
}

export interface BtcInvoice {
  id: string;
  storeId: string;
  amount: string;
  currency: string;
  status: string;
  additionalStatus: string;
  checkoutLink: string;
  expirationTime: number;
  metadata: { orderId?: string };
}

export interface BtcMethod {
  rate: string;
  payments: Array<{ id: string; value: string; fee: string; status: string }>;
}

export interface OxaPayment {
  track_id: string;
  amount: number;
  currency: string;
  status: string;
  order_id: string | null;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Ids unique across fakes and test files (they share one D1 database). */
let counter = Date.now() % 1_000_000_000;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export class FakeProcessor {
  readonly seen: SeenRequest[] = [];
  readonly np = { payments: new Map<string, NpPayment>() };
  readonly btcpay = { invoices: new Map<string, BtcInvoice>(), methods: new Map<string, BtcMethod[]>() };
  readonly oxapay = { payments: new Map<string, OxaPayment>() };
  /** URL paths that answer 500, as a processor in an outage. */
  readonly failing = new Set<string>();

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    this.seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
    });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (this.failing.has(url.pathname)) return json({ message: "outage" }, 500);
    if (url.host === "nowpayments.test") return this.nowPayments(request, url, body);
    if (url.host === "btcpay.test") return this.btcPay(request, url, body);
    if (url.host === "oxapay.test") return this.oxaPay(request, url, body);
    return new Response("no such host in the fake", { status: 502 });
  };

  private nextId = () => ++counter;

  private nowPayments(req: Request, url: URL, body: Record<string, unknown>): Response {
    if (req.headers.get("x-api-key") !== "np-api-key") return json({ message: "bad key" }, 403);
    if (req.method === "POST" && url.pathname === "/v1/invoice") {
      const id = this.nextId();
      return json({
        id: String(id),
        order_id: body.order_id,
        invoice_url: `https://nowpayments.test/payment/?iid=${id}`,
      });
    }
    const m = /^\/v1\/payment\/(\w+)$/.exec(url.pathname);
    const payment = m && this.np.payments.get(m[1]!);
    return payment ? json(payment) : json({ message: "not found" }, 404);
  }

  private btcPay(req: Request, url: URL, body: Record<string, unknown>): Response {
    if (req.headers.get("authorization") !== "token btcpay-api-key") return json({ message: "bad key" }, 401);
    const create = /^\/api\/v1\/stores\/(\w+)\/invoices$/.exec(url.pathname);
    if (req.method === "POST" && create) {
      const id = `inv${this.nextId()}`;
      const invoice: BtcInvoice = {
        id,
        storeId: create[1]!,
        amount: String(body.amount),
        currency: String(body.currency),
        status: "New",
        additionalStatus: "None",
        checkoutLink: `https://btcpay.test/i/${id}`,
        expirationTime: Math.floor(Date.now() / 1000) + 1800,
        metadata: body.metadata as { orderId?: string },
      };
      this.btcpay.invoices.set(id, invoice);
      return json(invoice);
    }
    const get = /^\/api\/v1\/stores\/\w+\/invoices\/(\w+)(\/payment-methods)?$/.exec(url.pathname);
    const invoice = get && this.btcpay.invoices.get(get[1]!);
    if (!invoice) return json({ message: "not found" }, 404);
    return get[2] ? json(this.btcpay.methods.get(invoice.id) ?? []) : json(invoice);
  }

  private oxaPay(req: Request, url: URL, body: Record<string, unknown>): Response {
    if (req.headers.get("merchant_api_key") !== "merchant-secret") return json({ message: "bad key" }, 401);
    if (req.method === "POST" && url.pathname === "/v1/payment/invoice") {
      const trackId = String(this.nextId());
      this.oxapay.payments.set(trackId, {
        track_id: trackId,
        amount: Number(body.amount),
        currency: String(body.currency),
        status: "new",
        order_id: String(body.order_id),
      });
      const data = {
        track_id: trackId,
        payment_url: `https://oxapay.test/pay/${trackId}`,
        expired_at: 1_900_000_000,
      };
      return json({ data, message: "ok", error: {}, status: 200 });
    }
    const m = /^\/v1\/payment\/(\w+)$/.exec(url.pathname);
    const payment = m && this.oxapay.payments.get(m[1]!);
    return payment ? json({ data: payment, message: "ok", error: {}, status: 200 }) : json({}, 404);
  }
}
