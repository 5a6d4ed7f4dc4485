/**
 * What every wire-format folder provides, by direction. Each folder exports one record of this
 * shape (anthropic-messages/index.ts, openai-chat/index.ts, openai-responses/index.ts), so a
 * reader who knows one format knows where everything of another is, and a new format (Gemini)
 * is the same record to fill in.
 *
 * Two sides: a client that speaks the format (its request decoded, the answer encoded in it,
 * errors rendered in it), and an upstream that speaks it (what a body can cost, the usage of its
 * answers and streams, its errors in the gateway's terms; and, when the gateway translates to
 * it, the request encoded and the answer decoded). A format no route sends upstream through the
 * IR (OpenAI Chat: GPT Chat requests pass through untouched) has no `encodeRequest`,
 * `decodeResponse` or `StreamDecoder`.
 */
import type { RequestCostFacts } from "./cost-facts.ts";
import type { GatewayError } from "./errors.ts";
import type { IrRequest } from "./ir/request.ts";
import type { IrResponse } from "./ir/response.ts";
import type { IrStreamDecoder, IrStreamEncoder } from "./ir/stream.ts";
import type { UsageRecord } from "./usage.ts";
import type { UsageTap } from "./usage-tap.ts";

/** An error answer before any stream began: status, headers and the JSON body. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface WireFormatRecord<Request, EncodeOptions> {
  // ── a client that speaks this format ──
  /** A parsed JSON body validated as this format's request; a 400 GatewayError names the field at fault. */
  parseRequest(body: unknown): Request;
  /** The validated request in the IR: what the client asked for, for another vendor. */
  decodeRequest(body: Request): IrRequest;
  /** Another vendor's answer in this format. */
  encodeResponse(response: IrResponse, options?: EncodeOptions): unknown;
  /** Another vendor's stream in this format (IR events → SSE text), one instance per stream. */
  StreamEncoder: new (
    options: EncodeOptions,
  ) => IrStreamEncoder;
  /** An error before the stream began, in this format. */
  renderError(err: GatewayError, requestId: string): RenderedError;
  /** An error after HTTP 200: the SSE frame that ends the stream in this format. */
  renderStreamError(err: GatewayError): string;

  // ── an upstream that speaks this format ──
  /** What a request body can cost at most (its worst case is reserved before it goes upstream). */
  costFacts(body: Record<string, unknown>): RequestCostFacts;
  /** Follows a stream of this format as it is relayed, for settlement. */
  StreamUsage: new () => UsageTap;
  /** The usage of a non-streamed answer of this format; undefined when it reports none. */
  bodyUsage(json: unknown): UsageRecord | undefined;
  /** An upstream HTTP error answer of this format in the gateway's terms. */
  upstreamError(status: number, text: string, retryAfterSeconds?: number): GatewayError;
  /** The IR as this format's request body, when the gateway translates to this vendor. */
  encodeRequest?(ir: IrRequest): unknown;
  /** This vendor's non-streamed answer in the IR. */
  decodeResponse?(json: unknown): IrResponse;
  /** This vendor's stream as IR events (SSE events → IR), one instance per stream. */
  StreamDecoder?: new () => IrStreamDecoder;
}
