import type { queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import type { PaymentsEnv, Seams } from "./env.ts";
import { providerFor } from "./providers/registry.ts";
import type { Provider } from "./providers/types.ts";

/** What the handlers work with, built once per request (or cron run) from the bindings. */
export interface Deps {
  env: PaymentsEnv;
  db: queries.Db;
  now: () => number;
  provider: (id: string) => Provider | undefined;
}

export function makeDeps(env: PaymentsEnv, seams: Seams = {}): Deps {
  // A detached global fetch throws "Illegal invocation": call it through a closure.
  const fetchFn: typeof fetch = seams.fetch ?? ((input, init) => fetch(input, init));
  return {
    env,
    db: drizzle(env.DB),
    now: () => Date.now(),
    provider: (id) => providerFor(env, id, fetchFn),
  };
}
