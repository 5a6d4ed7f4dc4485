/**
 * The WebSocket connections each key of an account holds open, in memory: a lease per socket,
 * taken when the socket is accepted and returned when it closes. A lease also expires on its
 * own (the socket's longest life and a margin), so a Worker that died without returning one
 * frees its slot by then. Lost when the object restarts, which forgets open sockets rather than
 * blocking new ones: the bound errs towards letting a key connect.
 */
export class SocketLeases {
  /** key hash → lease id → expiry (ms since the epoch). */
  private readonly byKey = new Map<string, Map<string, number>>();

  /** The key's open sockets at `now`, expired leases dropped. */
  open(keyHash: string, now: number): number {
    const leases = this.byKey.get(keyHash);
    if (!leases) return 0;
    for (const [id, expiresAt] of leases) if (expiresAt <= now) leases.delete(id);
    if (leases.size === 0) this.byKey.delete(keyHash);
    return leases.size;
  }

  /** Takes a lease unless the key already holds `limit`; false when it does. */
  take(keyHash: string, lease: string, limit: number, now: number, ttlMs: number): boolean {
    if (this.open(keyHash, now) >= limit) return false;
    let leases = this.byKey.get(keyHash);
    if (!leases) {
      leases = new Map();
      this.byKey.set(keyHash, leases);
    }
    leases.set(lease, now + ttlMs);
    return true;
  }

  /** Returns a lease (a second return, or an expired lease's, is a no-op). */
  give(keyHash: string, lease: string): void {
    const leases = this.byKey.get(keyHash);
    leases?.delete(lease);
    if (leases?.size === 0) this.byKey.delete(keyHash);
  }
}
