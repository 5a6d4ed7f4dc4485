import type { PlanId, PriceRow } from "@cc/billing";

/** A worst case held for an admitted request until it settles or is released. */
export interface Reservation {
  id: string;
  keyHash: string;
  model: string;
  plan: PlanId;
  /** The price row admission priced it with; settle bills with the same. */
  price: PriceRow;
  amountNano: number;
  /** What it counts against its key's TPM window until settle corrects it. */
  tpmTokens: number;
  createdAt: number;
}

/**
 * The open reservations of an account, in memory: admission adds one and settle takes it back
 * without a storage write in between. Lost if the object restarts (docs/storage-schema.md
 * states what that costs); money stays exact, because settle is durable and charges in full.
 */
export class ReservationBook {
  private readonly open = new Map<string, Reservation>();
  private held = 0;

  /** Σ of every open reservation, nano-USD. */
  get totalNano(): number {
    return this.held;
  }

  add(r: Reservation): void {
    this.open.set(r.id, r);
    this.held += r.amountNano;
  }

  /** Removes and returns a reservation (undefined when it is not open: settled, released, lost). */
  take(id: string): Reservation | undefined {
    const r = this.open.get(id);
    if (!r) return undefined;
    this.open.delete(id);
    this.held -= r.amountNano;
    return r;
  }

  /** Oldest first (insertion order is admission order). */
  list(): Reservation[] {
    return [...this.open.values()];
  }

  /** Removes and returns the reservations made at or before `cutoff`. */
  takeOlderThan(cutoff: number): Reservation[] {
    const old: Reservation[] = [];
    for (const r of this.open.values()) {
      if (r.createdAt > cutoff) break;
      old.push(r);
    }
    for (const r of old) this.take(r.id);
    return old;
  }
}
