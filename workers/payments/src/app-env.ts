import type { Deps } from "./deps.ts";
import type { PaymentsEnv } from "./env.ts";

/** Hono's type parameters for the payments Worker. */
export interface PaymentsAppEnv {
  Bindings: PaymentsEnv;
  Variables: {
    deps: Deps;
    /** Sends a request through this Worker's own router (the dev processor's callbacks). */
    dispatch: (request: Request) => Promise<Response>;
  };
}
