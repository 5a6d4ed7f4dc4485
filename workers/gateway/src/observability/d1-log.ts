/** Where on the request path D1 is asked something. */
export type D1Site = "key lookup" | "account load" | "key load" | "outbox flush" | "channels read";

/**
 * One debug line per D1 round trip that proxied traffic causes:
 * `{"level":"debug","msg":"d1","site":"outbox flush","statements":4}`. Their number is bounded by
 * design (a flush per active account per second at most, a lookup per key per isolate, a channel
 * read per vendor per minute), so operators can afford them, and `pnpm bench` sums them into D1
 * statements per 1,000 requests. Admin and dashboard pages are not counted: no request path.
 */
export function logD1(site: D1Site, statements = 1): void {
  console.debug(JSON.stringify({ level: "debug", msg: "d1", site, statements }));
}
