import type { Context } from "hono";

/** The request body as read once by the recorder: parsed JSON, absent, or not JSON. */
export type ParsedBody = { kind: "json"; value: unknown } | { kind: "none" } | { kind: "invalid" };

export interface AppEnv {
  /** Generated from the mock's wrangler.toml (worker-configuration.d.ts beside it, `pnpm types`). */
  Bindings: MockEnv;
  Variables: { requestId: string; requestNumber: number; body: ParsedBody };
}

export type AppContext = Context<AppEnv>;

// Per-isolate counter: ids are deterministic within one test run (req_mock_1, req_mock_2, …).
let counter = 0;

export function nextRequestNumber(): number {
  counter += 1;
  return counter;
}
