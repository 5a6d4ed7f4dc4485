import { z } from "zod";

/** Plan ids, as stored on an account. */
export const PlanIdSchema = z.enum(["basic", "pro"]);

/** A plan id: "basic" or "pro". */
export type PlanId = z.infer<typeof PlanIdSchema>;

/** A subscription plan: what it costs, its discount on list prices and its per-key limits. */
export interface Plan {
  id: PlanId;
  name: string;
  /** One-time price of the plan, nano-USD (0 = free). */
  priceNano: number;
  /** Discount on every token kind, percent of list price. */
  discountPercent: number;
  /** Share of list price the customer pays, percent (100 − discount). Cost uses this. */
  payPercent: number;
  /** Requests per minute, per key (sliding 60 s window). */
  rpm: number;
  /** Tokens per minute, per key (sliding 60 s window). */
  tpm: number;
}

/** What {@link cost} needs from a plan: the integer percentage of list price paid. */
export type PriceFactor = Pick<Plan, "payPercent">;

/** No discount: list price, for reporting what a request would cost at vendor prices. */
export const LIST_PRICE: PriceFactor = Object.freeze({ payPercent: 100 });

/** The plans. Percentages are integers so that cost stays exact integer arithmetic. */
export const PLANS: Readonly<Record<PlanId, Readonly<Plan>>> = Object.freeze({
  basic: Object.freeze({
    id: "basic",
    name: "Basic",
    priceNano: 0,
    discountPercent: 50,
    payPercent: 50,
    rpm: 200,
    tpm: 1_000_000,
  }),
  pro: Object.freeze({
    id: "pro",
    name: "Pro",
    priceNano: 19_000_000_000, // $19, one-time
    discountPercent: 80,
    payPercent: 20,
    rpm: 500,
    tpm: 2_000_000,
  }),
});

/** The plan with this id. */
export function planFor(id: PlanId): Readonly<Plan> {
  return PLANS[id];
}
