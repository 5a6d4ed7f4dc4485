export { DevProcessor } from "./providers/dev/processor-do.ts";
export { PaymentsRpc } from "./rpc.ts";

/**
 * cc-payments has no public surface (workers_dev = false, no routes): everything arrives through
 * the gateway's PAYMENTS binding (PaymentsRpc), including the cron's re-query. A request that
 * reaches this handler anyway is answered 404.
 */
export default {
  fetch: () => new Response("not found", { status: 404 }),
} satisfies ExportedHandler<unknown>;
