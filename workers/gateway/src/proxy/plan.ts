import type { Family, PriceRow } from "@cc/billing";
import type { IrResponse, IrStreamDecoder, IrStreamEncoder, RequestCostFacts } from "@cc/formats";
import type { WireFormat } from "../lib/wire-format.ts";
import type { ChannelQuery } from "./channels.ts";
import type { UpstreamFormat } from "./upstream-formats.ts";

/** How the upstream's answer reaches the client. */
export type Answer =
  /** Same format: the bytes pass untouched (a Chat client that did not ask for usage loses the usage chunk). */
  | { kind: "passthrough"; hideUsageChunk?: boolean }
  /** Another format: streams translated event by event through the IR, JSON decoded and re-encoded. */
  | {
      kind: "translate";
      decoder: () => IrStreamDecoder;
      encoder: () => IrStreamEncoder;
      decodeResponse: (json: unknown) => IrResponse;
      encodeResponse: (response: IrResponse) => unknown;
    }
  /** A JSON answer in another shape (count_tokens on GPT). */
  | { kind: "reshape"; encode: (json: unknown) => unknown };

/** What a route decided for one request: where it goes, what is sent, how the answer comes back. */
export interface ProxyPlan {
  upstream: UpstreamFormat;
  /** The channels that may serve it: the pipeline picks them for the model before admission. */
  channels: ChannelQuery;
  /** Path on the upstream, query string included. */
  path: string;
  /**
   * For a vendor that names the model in the path (Gemini: `models/{model}:generateContent`),
   * the path for the model a channel is sent; the body is then sent as is.
   */
  pathFor?: (upstreamModel: string) => string;
  /** The upstream body, exactly as sent. */
  body: Uint8Array | string;
  /** The same body as an object, for its cost facts. */
  bodyJson: Record<string, unknown>;
  /** Headers the upstream needs beyond the client's (anthropic-version on a translated request). */
  headers?: Record<string, string>;
  stream: boolean;
  answer: Answer;
  /** A request that bills nothing (count_tokens): it counts against the key's RPM only. */
  free?: boolean;
}

/** What a route sees of a request when it plans it: the validated body and its model's row. */
export interface PlanInput<Body> {
  env: Env;
  body: Body;
  /** The client's body, byte for byte, and parsed. */
  bytes: Uint8Array;
  json: unknown;
  row: Readonly<PriceRow>;
  family: Family;
  /** The client's query string (`?beta=true`), for a passthrough. */
  search: string;
}

/**
 * One proxy route: its caller format (errors, rate-limit headers), how a body is validated, and
 * how a request is planned. The pipeline does everything else, the same way for every route.
 */
export interface ProxyRoute<Body> {
  format: WireFormat;
  parse: (json: unknown) => Body;
  /** The cost facts of a body in the caller's format (what it asks for that may be refused). */
  costFacts: (json: Record<string, unknown>) => RequestCostFacts;
  model: (body: Body) => string;
  plan: (input: PlanInput<Body>) => ProxyPlan;
}
