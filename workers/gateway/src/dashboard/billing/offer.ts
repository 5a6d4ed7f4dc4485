import { type Coin, isCoin, isProvider, type ProviderId } from "@cc/topups";

/**
 * What the top-up form offers: the processors the operator configured and, for each, the coins it
 * takes — the payments Worker's word (PaymentsRpc.status), never a second copy of its rules.
 */
export type TopupOffer = Array<{ provider: ProviderId; coins: Coin[] }>;

export async function topupOffer(env: Env): Promise<TopupOffer> {
  try {
    const status = await env.PAYMENTS.status();
    return status.processors
      .filter(isProvider)
      .map((provider) => ({ provider, coins: (status.coins?.[provider] ?? []).filter(isCoin) }))
      .filter((p) => p.coins.length > 0);
  } catch {
    // The payments Worker did not answer: offer nothing (the page says top-ups are unavailable).
    return [];
  }
}

/** The form's value of a way to pay: `<processor>:<coin>`. */
export const methodValue = (provider: ProviderId, coin: Coin) => `${provider}:${coin}`;
