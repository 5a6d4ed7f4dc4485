/** Who did an operator action: an Access identity (email) or the admin token. */
export interface Actor {
  /** The email Cloudflare Access vouched for, or "admin-token". */
  id: string;
  via: "access" | "admin-token";
}

export const ADMIN_TOKEN_ACTOR: Actor = { id: "admin-token", via: "admin-token" };

/**
 * One log line per operator action, with who did it (Workers Logs keep them; query
 * `msg = "operator action"`). Money actions are also ledger entries, whose memo names the actor.
 */
export function audit(actor: Actor, action: string, fields: Record<string, unknown>): void {
  console.info(
    JSON.stringify({
      level: "info",
      msg: "operator action",
      actor: actor.id,
      via: actor.via,
      action,
      ...fields,
    }),
  );
}
