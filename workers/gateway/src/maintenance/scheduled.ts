import { AccountsRpc } from "../payments/accounts-rpc.ts";
import { CRONS } from "./crons.ts";
import { pruneExpired } from "./retention.ts";

const log = (level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>) =>
  console[level](JSON.stringify({ level, msg, ...fields }));

/**
 * The gateway's scheduled handler. The payments Worker has no binding back to the gateway, so
 * its re-query runs from here, with the capability to credit (AccountsRpc) passed along.
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  switch (controller.cron) {
    case CRONS.requery: {
      const { checked, creditedNano } = await env.PAYMENTS.requeryStale(
        controller.scheduledTime,
        new AccountsRpc(env),
      );
      if (checked > 0) log("info", "re-queried stale top-ups", { checked, creditedNano });
      return;
    }
    case CRONS.retention: {
      const tables = await pruneExpired(env.DB, env, controller.scheduledTime);
      log("info", "retention", { tables });
      for (const t of tables.filter((r) => r.more))
        log("warn", "retention behind: rows left past the cutoff", { table: t.table });
      return;
    }
    default:
      log("error", "unknown cron", { cron: controller.cron });
  }
}
