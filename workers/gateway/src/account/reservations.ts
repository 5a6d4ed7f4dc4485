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
  /** Σ of the open reservations of each key (by key hash): what its spend caps count as pending. */
  private readonly heldByKey = new Map<string, number>();

  /** Σ of every open reservation, nano-USD. */
  get totalNano(): number {
    return this.held;
  }

  /** Σ of one key's open reservations, nano-USD. */
  heldFor(keyHash: string): number {
    return this.heldByKey.get(keyHash) ?? 0;
  }

  add(r: Reservation): void {
    this.open.set(r.id, r);
    this.held += r.amountNano;
    this.heldByKey.set(r.keyHash, this.heldFor(r.keyHash) + r.amountNano);
  }

  /** Removes and returns a reservation (undefined when it is not open: settled, released, lost). */
  take(id: string): Reservation | undefined {
    const r = this.open.get(id);
    if (!r) return undefined;
    this.open.delete(id);
    this.held -= r.amountNano;
    const left = this.heldFor(r.keyHash) - r.amountNano;
    if (left === 0) this.heldByKey.delete(r.keyHash);
    else this.heldByKey.set(r.keyHash, left);
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
