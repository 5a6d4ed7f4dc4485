import type { D1Migration } from "cloudflare:test";
import type { DevProcessor } from "../../payments/src/providers/dev/processor-do.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The payments Worker's dev invoices (its DevProcessor objects). */
      DEV_INVOICES: DurableObjectNamespace<DevProcessor>;
    }
  }
}
