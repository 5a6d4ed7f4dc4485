import type { PriceRow, WorstCase } from "@cc/billing";
import { emptyUsage, type ObjectRef, type StoredObject, type UsageRecord } from "@cc/formats";
import { accountStub } from "../account/client.ts";
import type { RequestFacts, SettleResult } from "../account/types.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import { recordRequest } from "../observability/request-log.ts";
import { admit } from "./admission.ts";
import type { Caller } from "./auth.ts";
import type { Channel } from "./channels.ts";

/**
 * How an admitted request ended, as its usage row records it:
 * - ok: the upstream answered and the answer reached the client whole;
 * - upstream_error: the upstream refused or failed before answering (nothing billed);
 * - stream_error: the upstream broke a stream off or reported an error inside it;
 * - client_hangup: the client went away before the end;
 * - bad_upstream_body: a 200 whose body could not be read whole;
 * - gateway_error: the gateway failed after admission (nothing reached the upstream, or its
 *   answer could not be relayed).
 */
export type Outcome =
  | "ok"
  | "upstream_error"
  | "stream_error"
  | "client_hangup"
  | "bad_upstream_body"
  | "gateway_error";

/** What the meter needs to know of the request it accounts for. */
export interface MeterRequest {
  env: Env;
  headers: Headers;
  caller: Caller;
  requestId: string;
  model: string;
  /** The model's price row in force: admission reserves with it and settle bills with it. */
  price: PriceRow;
  format: WireFormat;
  /** The upstream the request goes to (the mock in development). */
  vendor: "anthropic" | "openai" | "gemini" | "mock";
  stream: boolean;
  startedAt: number;
  /** Admission's estimate of the input tokens: a TPM charge now, a floor on abnormal ends. */
  inputEstimate: number;
  /** The request's worst case, or "free" for a route that bills nothing (count_tokens). */
  worstCase: WorstCase | "free";
  /** Vendor-stored objects the request names, which its account must own. */
  refs: ObjectRef[];
  /** Keeps work alive after the response (ctx.waitUntil). */
  waitUntil: (promise: Promise<unknown>) => void;
}

/** Calls to end a request before it is given up (logged `settle failed`), and the first wait. */
const SETTLE_ATTEMPTS = 4;
const SETTLE_BACKOFF_MS = 50;

/**
 * The money lifecycle of one proxied request: admitted (a reservation in the account's Durable
 * Object), then ended exactly once — settled at the exact cost of its usage, or released when
 * the upstream served nothing. Every exit of the pipeline ends through here; a second end is a
 * no-op that returns the first one's result.
 */
export class Meter {
  /** The key's rate-limit headers, for every answer to this request. */
  readonly headers: Record<string, string>;
  private ending: Promise<SettleResult | undefined> | undefined;
  /** The channel tried last (the one that answered, if any) and how many were tried. */
  private channel: Pick<Channel, "id" | "provider"> | undefined;
  private attempts = 0;

  private constructor(
    private readonly r: MeterRequest,
    headers: Record<string, string>,
    /** The stored context admission counted as input (a continuation's previous response). */
    private readonly contextTokens: number,
  ) {
    this.headers = headers;
  }

  /** Admits the request (401/402/403/429 are thrown in the caller's terms) and opens its meter. */
  static async open(r: MeterRequest): Promise<Meter> {
    const worstCase = r.worstCase === "free" ? undefined : r.worstCase;
    const admitted = await admit(r.env, r.headers, r.format, r.caller, {
      requestId: r.requestId,
      model: r.model,
      price: r.price,
      tpmTokens: worstCase ? r.inputEstimate : 0,
      worstCase,
      refs: r.refs,
    });
    return new Meter(r, admitted.headers, admitted.contextTokens);
  }

  /**
   * The input a request is billed at least on an abnormal end: the body's estimate and the
   * stored context it continues from, which the upstream reads again whether or not it reports it.
   */
  get inputEstimate(): number {
    return this.r.inputEstimate + this.contextTokens;
  }

  /** A channel is being tried: the request is recorded against the last one (failover.ts). */
  attempted(channel: Pick<Channel, "id" | "provider">): void {
    this.channel = channel;
    this.attempts += 1;
  }

  /** True once the request has been settled or released. */
  get ended(): boolean {
    return this.ending !== undefined;
  }

  /** Ends the request with nothing to bill: the reservation goes, the request still counts against RPM. */
  release(status: number, outcome: Outcome, ttfbMs: number | null = null): Promise<SettleResult | undefined> {
    return this.end(status, undefined, outcome, ttfbMs);
  }

  /**
   * Ends the request at the exact cost of `usage` (a free route releases whatever it is told);
   * `objects` the answer stored at the vendor become the account's.
   */
  settle(
    status: number,
    usage: UsageRecord,
    outcome: Outcome,
    ttfbMs: number | null,
    objects: StoredObject[] = [],
  ): Promise<SettleResult | undefined> {
    return this.end(status, this.r.worstCase === "free" ? undefined : usage, outcome, ttfbMs, objects);
  }

  private end(
    status: number,
    usage: UsageRecord | undefined,
    outcome: Outcome,
    ttfbMs: number | null,
    objects: StoredObject[] = [],
  ): Promise<SettleResult | undefined> {
    this.ending ??= this.close(status, usage, outcome, ttfbMs, objects);
    return this.ending;
  }

  private async close(
    status: number,
    usage: UsageRecord | undefined,
    outcome: Outcome,
    ttfbMs: number | null,
    objects: StoredObject[],
  ): Promise<SettleResult | undefined> {
    const { env, caller, requestId } = this.r;
    // A free request (count_tokens) keeps no usage row: it is released and logged only.
    const facts: RequestFacts | undefined =
      this.r.worstCase === "free"
        ? undefined
        : {
            keyId: caller.keyId,
            format: this.r.format,
            stream: this.r.stream,
            status,
            outcome,
            startedAt: this.r.startedAt,
            ttfbMs,
            ...(this.channel ? { channel: this.channel.id } : {}),
          };
    // A fresh stub per attempt: one that has thrown may stay broken
    // (https://developers.cloudflare.com/durable-objects/best-practices/error-handling/).
    const end = (stub = accountStub(env, caller.accountId)) =>
      usage === undefined
        ? stub.release({ accountId: caller.accountId, requestId, ...(facts ? { request: facts } : {}) })
        : stub.settle({
            accountId: caller.accountId,
            requestId,
            model: this.r.model,
            usage,
            ...(objects.length > 0 ? { objects } : {}),
            ...(facts ? { request: facts } : {}),
          });
    let settled: SettleResult | undefined;
    // Retried with backoff: settle is idempotent by request id, so a call that did land is not
    // billed twice, and an object reset during a deploy does not leave the request unbilled.
    for (let attempt = 1; ; attempt++) {
      try {
        const ended = await end();
        if (typeof ended === "object") settled = ended;
        break;
      } catch (err) {
        if (attempt < SETTLE_ATTEMPTS) {
          console.warn(
            JSON.stringify({ level: "warn", msg: "settle retried", requestId, attempt, err: String(err) }),
          );
          await new Promise((resolve) => setTimeout(resolve, SETTLE_BACKOFF_MS * 4 ** (attempt - 1)));
          continue;
        }
        // The reservation stays until the object reaps it as orphaned (logged there too); the
        // line carries what was owed, for the operator to settle by hand.
        console.error(
          JSON.stringify({
            level: "error",
            msg: "settle failed",
            requestId,
            accountId: caller.accountId,
            model: this.r.model,
            usage: usage ?? null,
            err: String(err),
          }),
        );
        break;
      }
    }
    recordRequest(
      {
        requestId,
        accountId: caller.accountId,
        keyId: caller.keyId,
        model: this.r.model,
        format: this.r.format,
        vendor: this.channel?.provider ?? this.r.vendor,
        channel: this.channel?.id ?? null,
        attempts: this.attempts,
        stream: this.r.stream,
        status,
        upstreamStatus: outcome === "gateway_error" ? null : status,
        outcome,
        ttfbMs,
        latencyMs: Date.now() - this.r.startedAt,
        tokens: usage ?? emptyUsage(),
        costNano: settled?.chargedNano ?? 0,
      },
      env.REQUEST_METRICS,
    );
    return settled;
  }
}

/** Names of the cost headers on non-streamed responses (documented in the README). */
export const COST_HEADER = "x-cc-cost-nano-usd";
export const BALANCE_HEADER = "x-cc-balance-nano-usd";
