/**
 * What a customer may top up with: the processors, the coins and the amounts. The gateway checks
 * a request against these before it calls the payments Worker (its account API and its
 * dashboard form), and the payments Worker checks again before it creates an invoice.
 */

/** The payment processors, in the order the dashboard offers them; "dev" never in production. */
export const TOPUP_PROVIDERS = ["dev", "nowpayments", "btcpay", "oxapay"] as const;
export type ProviderId = (typeof TOPUP_PROVIDERS)[number];

/** How the pages name each processor. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  dev: "Development processor (test payments)",
  nowpayments: "NOWPayments",
  btcpay: "BTCPay Server",
  oxapay: "OxaPay",
};

/** The coins a top-up may be paid in (each processor accepts a subset), in display order. */
export const TOPUP_COINS = ["usdttrc20", "usdterc20", "btc", "eth"] as const;
export type Coin = (typeof TOPUP_COINS)[number];

/** How the pages name each coin. */
export const COIN_LABELS: Readonly<Record<Coin, string>> = {
  usdttrc20: "USDT (TRC-20)",
  usdterc20: "USDT (ERC-20)",
  btc: "Bitcoin",
  eth: "Ether",
};

/** The smallest and the largest top-up, in whole USD. */
export const MIN_TOPUP_USD = 5;
export const MAX_TOPUP_USD = 10_000;

/** A top-up amount as it is written: whole dollars (at most 5 digits), and at most 2 decimals. */
export const TOPUP_AMOUNT_PATTERN = /^\d{1,5}(\.\d{1,2})?$/;

export const isProvider = (v: string): v is ProviderId => (TOPUP_PROVIDERS as readonly string[]).includes(v);
export const isCoin = (v: string): v is Coin => (TOPUP_COINS as readonly string[]).includes(v);

/** Whether a USD amount (a decimal string) is one a customer may top up. */
export const isTopupAmount = (usd: string): boolean =>
  TOPUP_AMOUNT_PATTERN.test(usd) && Number(usd) >= MIN_TOPUP_USD && Number(usd) <= MAX_TOPUP_USD;
