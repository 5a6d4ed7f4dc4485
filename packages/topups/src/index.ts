export type { Balances, PaymentCredit, PaymentCreditKind, PaymentCreditResult } from "./balances.ts";
export {
  COIN_LABELS,
  type Coin,
  isCoin,
  isProvider,
  isTopupAmount,
  MAX_TOPUP_USD,
  MIN_TOPUP_USD,
  PROVIDER_LABELS,
  type ProviderId,
  TOPUP_AMOUNT_PATTERN,
  TOPUP_COINS,
  TOPUP_PROVIDERS,
} from "./offer.ts";
