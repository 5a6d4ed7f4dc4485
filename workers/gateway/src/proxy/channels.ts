import { GatewayError } from "@cc/formats";

/** Where a request goes: the base URL, the credential to present, and how to reach it. */
export interface Channel {
  provider: "anthropic" | "mock";
  baseUrl: string;
  credential: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
}

/**
 * The Anthropic channel. With ANTHROPIC_UPSTREAM_URL empty (the embedded default), requests go
 * to the mock upstream Worker through its service binding; the mock checks the same key.
 */
export function anthropicChannel(env: Env): Channel {
  const key = env.ANTHROPIC_UPSTREAM_KEY;
  if (!key) throw new GatewayError("internal", "The gateway has no upstream key configured.");
  const credential = { "x-api-key": key };
  if (env.ANTHROPIC_UPSTREAM_URL) {
    return { provider: "anthropic", baseUrl: env.ANTHROPIC_UPSTREAM_URL, credential, fetch: (r) => fetch(r) };
  }
  const mock = env.MOCK_UPSTREAM;
  if (!mock) throw new GatewayError("internal", "No upstream configured: set ANTHROPIC_UPSTREAM_URL.");
  return {
    provider: "mock",
    baseUrl: "https://mock-upstream.internal",
    credential,
    fetch: (r) => mock.fetch(r),
  };
}

/** Fetches from a channel; a network failure becomes 502 api_error in the caller's format. */
export async function fetchUpstream(channel: Channel, request: Request): Promise<Response> {
  try {
    return await channel.fetch(request);
  } catch (cause) {
    throw new GatewayError("upstream", `The upstream could not be reached (${channel.provider}).`, { cause });
  }
}
