import type { Context } from "hono";

/** The mock's own bindings (the generated `Env` type describes the gateway only). */
export interface MockEnv {
  MOCK_UPSTREAM_KEY: string;
  /** Mock channels configured at start (src/channels.ts): JSON `{"<name>": {"key", "mode", "retry_after"}}`. */
  MOCK_CHANNELS?: string;
}

/** The request body as read once by the recorder: parsed JSON, absent, or not JSON. */
export type ParsedBody = { kind: "json"; value: unknown } | { kind: "none" } | { kind: "invalid" };

export interface AppEnv {
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
