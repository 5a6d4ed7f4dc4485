import type { Vendor } from "@cc/db";
import { GatewayError } from "@cc/formats";

export type { Vendor } from "@cc/db";

/** Where a request goes: the channel, its base URL, the credential to present, and how to reach it. */
export interface Channel {
  /** The channel's id (channels.id): usage rows and the health board know it by this. */
  id: string;
  name: string;
  provider: Vendor | "mock";
  baseUrl: string;
  credential: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
}

/**
 * Which channels may serve a plan: its vendor's (channels/resolve.ts picks them per model), and
 * the implicit channel's settings, *_UPSTREAM_URL and *_UPSTREAM_KEY, as the request's
 * environment has them.
 */
export interface ChannelQuery {
  vendor: Vendor;
  implicit: { url: string; key: string };
}

/**
 * OpenAI's API base is `<url>/v1`; OPENAI_UPSTREAM_URL is the origin (https://api.openai.com).
 * Gemini's is `<url>/v1beta`; GEMINI_UPSTREAM_URL is https://generativelanguage.googleapis.com.
 */
export function vendorChannels(env: Env, vendor: Vendor): ChannelQuery {
  if (vendor === "anthropic")
    return { vendor, implicit: { url: env.ANTHROPIC_UPSTREAM_URL, key: env.ANTHROPIC_UPSTREAM_KEY } };
  if (vendor === "gemini")
    return { vendor, implicit: { url: env.GEMINI_UPSTREAM_URL, key: env.GEMINI_UPSTREAM_KEY ?? "" } };
  return { vendor, implicit: { url: env.OPENAI_UPSTREAM_URL, key: env.OPENAI_UPSTREAM_KEY } };
}

/** How each vendor takes its key (Gemini: https://ai.google.dev/api#authentication). */
export const credentialHeaders = (vendor: Vendor, key: string): Record<string, string> =>
  vendor === "anthropic"
    ? { "x-api-key": key }
    : vendor === "gemini"
      ? { "x-goog-api-key": key }
      : { authorization: `Bearer ${key}` };

/** A base URL `mock:<name>` is the embedded mock upstream's channel <name> (development and tests). */
export const MOCK_SCHEME = "mock:";
const MOCK_ORIGIN = "https://mock-upstream.internal";

/**
 * A base URL as the gateway reaches it. An empty one (the implicit channel in development) is
 * the mock upstream itself, `mock:<name>` one of its channels, both through its service
 * binding; undefined when the mock is not bound here (production). Anything else goes out with
 * the global fetch.
 */
export function endpoint(
  env: Env,
  vendor: Vendor,
  baseUrl: string,
): Pick<Channel, "provider" | "baseUrl" | "fetch"> | undefined {
  if (baseUrl !== "" && !baseUrl.startsWith(MOCK_SCHEME))
    return { provider: vendor, baseUrl: baseUrl.replace(/\/$/, ""), fetch: (r) => fetch(r) };
  const mock = env.MOCK_UPSTREAM;
  if (!mock) return undefined;
  const name = baseUrl.slice(MOCK_SCHEME.length);
  return {
    provider: "mock",
    baseUrl: name ? `${MOCK_ORIGIN}/ch/${encodeURIComponent(name)}` : MOCK_ORIGIN,
    fetch: (r) => mock.fetch(r),
  };
}

/** How long the gateway waits for an upstream's response headers, unless UPSTREAM_TIMEOUT_MS says otherwise. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 600_000;

/**
 * Fetches from a channel. A network failure becomes 502, no response headers within the
 * timeout 504, in the caller's format. The timeout covers the wait for the headers only: a long
 * stream is never cut by it.
 */
export async function fetchUpstream(env: Env, channel: Channel, request: Request): Promise<Response> {
  const configured = Number(env.UPSTREAM_TIMEOUT_MS);
  const timeoutMs = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_UPSTREAM_TIMEOUT_MS;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    return await channel.fetch(new Request(request, { signal: abort.signal }));
  } catch (cause) {
    if (timedOut)
      throw new GatewayError("timeout", `The upstream did not answer within ${timeoutMs / 1000} s.`, {
        cause,
      });
    throw new GatewayError("upstream", `The upstream could not be reached (${channel.provider}).`, { cause });
  } finally {
    clearTimeout(timer);
  }
}
