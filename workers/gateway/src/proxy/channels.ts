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

/** Fetches from a channel; a network failure becomes 502 api_error in the caller's format. */
export async function fetchUpstream(channel: Channel, request: Request): Promise<Response> {
  try {
    return await channel.fetch(request);
  } catch (cause) {
    throw new GatewayError("upstream", `The upstream could not be reached (${channel.provider}).`, { cause });
  }
}
