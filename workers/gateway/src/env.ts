import type { WireFormat } from "./lib/wire-format.ts";

/** Hono's type parameters for the gateway: bindings from wrangler.toml, per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The caller's wire format: errors are rendered in it. */
    format: WireFormat | "admin";
    startedAt: number;
  };
}
