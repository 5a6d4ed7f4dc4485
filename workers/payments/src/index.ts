import { app } from "./app.ts";
import { requeryStale } from "./cron.ts";
import { makeDeps } from "./deps.ts";
import type { PaymentsEnv } from "./env.ts";

export { DevProcessor } from "./providers/dev/processor-do.ts";
export { PaymentsRpc } from "./rpc.ts";

/** cc-payments: processors' callbacks (HTTP), the stale top-up re-query (cron), PaymentsRpc (RPC). */
export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await requeryStale(makeDeps(env), controller.scheduledTime);
  },
} satisfies ExportedHandler<PaymentsEnv>;
