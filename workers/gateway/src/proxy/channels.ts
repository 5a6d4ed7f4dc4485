import { GatewayError } from "@cc/formats";

/** Where a request goes: the base URL, the credential to present, and how to reach it. */
export interface Channel {
  provider: "anthropic" | "openai" | "mock";
  baseUrl: string;
  credential: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
}

/**
 * A vendor channel. With the vendor's URL empty (the embedded default), requests go to the
 * mock upstream Worker through its service binding; the mock checks the same key.
 */
function channel(
  env: Env,
  provider: "anthropic" | "openai",
  url: string,
  credential: Record<string, string>,
): Channel {
  if (url) return { provider, baseUrl: url.replace(/\/$/, ""), credential, fetch: (r) => fetch(r) };
  const mock = env.MOCK_UPSTREAM;
  if (!mock) throw new GatewayError("internal", `No ${provider} upstream configured.`);
  return {
    provider: "mock",
    baseUrl: "https://mock-upstream.internal",
    credential,
    fetch: (r) => mock.fetch(r),
  };
}

export function anthropicChannel(env: Env): Channel {
  const key = env.ANTHROPIC_UPSTREAM_KEY;
  if (!key) throw new GatewayError("internal", "The gateway has no Anthropic upstream key configured.");
  return channel(env, "anthropic", env.ANTHROPIC_UPSTREAM_URL, { "x-api-key": key });
}

/** OpenAI's API base is `<url>/v1`; OPENAI_UPSTREAM_URL is the origin (https://api.openai.com). */
export function openAiChannel(env: Env): Channel {
  const key = env.OPENAI_UPSTREAM_KEY;
  if (!key) throw new GatewayError("internal", "The gateway has no OpenAI upstream key configured.");
  return channel(env, "openai", env.OPENAI_UPSTREAM_URL, { authorization: `Bearer ${key}` });
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
