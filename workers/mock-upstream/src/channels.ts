import { dialectOf } from "./dialect.ts";

/**
 * The mock as several independent upstreams ("channels"), so that the gateway's failover can be
 * shown without a vendor. Channel `<name>` lives under `/ch/<name>/…` (`/ch/a/v1/messages`), has
 * its own key, and a scripted mode that every request to it meets:
 *
 * - `ok`: the normal mock (scenarios work as usual);
 * - `down`: the connection fails (the caller's fetch rejects), as a refused connection does;
 * - `overloaded`: 529 `overloaded_error` (OpenAI routes: 503, OpenAI's overloaded status);
 * - `rate-limited`: 429 with `retry-after: <retry_after>` (default 30 s);
 * - `unauthorized`: 401 whatever the key (a revoked credential);
 * - `error`: 500;
 * - `stream-error`: the `stream-error` scenario (a stream that breaks after two deltas; 529
 *   without streaming).
 *
 * Channels come from the MOCK_CHANNELS variable (JSON `{"<name>": {"key", "mode",
 * "retry_after"}}`) and from `PUT /_mock/channels/<name>` at run time (tests script them there);
 * their state lives in the isolate's memory.
 */
export const CHANNEL_MODES = [
  "ok",
  "down",
  "overloaded",
  "rate-limited",
  "unauthorized",
  "error",
  "stream-error",
] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export interface MockChannel {
  name: string;
  key: string;
  mode: ChannelMode;
  /** Seconds, for `rate-limited`. */
  retryAfter: number;
  /** Requests that reached this channel, whatever its mode answered. */
  requests: number;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const channels = new Map<string, MockChannel>();
let configured = false;

const isMode = (mode: unknown): mode is ChannelMode =>
  typeof mode === "string" && (CHANNEL_MODES as readonly string[]).includes(mode);

/** A channel's settings as given to MOCK_CHANNELS or PUT; null when they are not valid. */
function parseSettings(
  name: string,
  input: unknown,
  previous?: MockChannel,
): Omit<MockChannel, "requests"> | string {
  if (!NAME.test(name)) return `mock: channel name "${name}" must be lowercase letters, digits and dashes`;
  const s = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const key = s.key ?? previous?.key ?? `mock-key-${name}`;
  if (typeof key !== "string" || key === "") return "mock: key must be a non-empty string";
  const mode = s.mode ?? previous?.mode ?? "ok";
  if (!isMode(mode)) return `mock: mode must be one of ${CHANNEL_MODES.join(", ")}`;
  const retryAfter = s.retry_after ?? previous?.retryAfter ?? 30;
  if (typeof retryAfter !== "number" || !Number.isInteger(retryAfter) || retryAfter < 1 || retryAfter > 3600)
    return "mock: retry_after must be a whole number of seconds, 1..3600";
  return { name, key, mode, retryAfter };
}

function loadConfigured(json: string | undefined): void {
  if (configured) return;
  configured = true;
  if (!json?.trim()) return;
  const parsed = JSON.parse(json) as Record<string, unknown>;
  for (const [name, settings] of Object.entries(parsed)) {
    const channel = parseSettings(name, settings);
    if (typeof channel === "string") throw new Error(`MOCK_CHANNELS: ${channel}`);
    channels.set(name, { ...channel, requests: 0 });
  }
}

export function listChannels(configuredJson: string | undefined): MockChannel[] {
  loadConfigured(configuredJson);
  return [...channels.values()];
}

/** Creates or changes a channel; returns it, or the reason it was refused. */
export function putChannel(
  configuredJson: string | undefined,
  name: string,
  input: unknown,
): MockChannel | string {
  loadConfigured(configuredJson);
  const previous = channels.get(name);
  const settings = parseSettings(name, input, previous);
  if (typeof settings === "string") return settings;
  const channel = { ...settings, requests: previous?.requests ?? 0 };
  channels.set(name, channel);
  return channel;
}

/** The scenario a mode imposes on a request, in the request's own dialect. */
function scenarioOf(channel: MockChannel, path: string, anthropicVersion: string | undefined): string | null {
  const openAi = dialectOf(path, anthropicVersion) === "openai";
  switch (channel.mode) {
    case "ok":
    case "down":
      return null;
    case "overloaded":
      return `error; status=${openAi ? 503 : 529}`;
    case "rate-limited":
      return `error; status=429; retry-after=${channel.retryAfter}`;
    case "unauthorized":
      return "error; status=401";
    case "error":
      return "error; status=500";
    case "stream-error":
      return "stream-error";
  }
}

/** What the mock does with a request under /ch/<name>/. */
export type ChannelRouting =
  | { kind: "none" }
  | { kind: "unknown"; name: string }
  | { kind: "down" }
  | { kind: "serve"; channel: MockChannel; request: Request };

/**
 * Routes a request addressed to a channel: the request as the mock's app should see it (the
 * prefix removed, the mode's scenario imposed, the channel named for the request log), or `down`.
 */
export function routeToChannel(request: Request, configuredJson: string | undefined): ChannelRouting {
  const url = new URL(request.url);
  const m = /^\/ch\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!m) return { kind: "none" };
  loadConfigured(configuredJson);
  const name = decodeURIComponent(m[1]!);
  const channel = channels.get(name);
  if (!channel) return { kind: "unknown", name };
  channel.requests += 1;
  if (channel.mode === "down") return { kind: "down" };
  url.pathname = m[2] ?? "/";
  const headers = new Headers(request.headers);
  headers.set(CHANNEL_HEADER, name);
  const scenario = scenarioOf(channel, url.pathname, headers.get("anthropic-version") ?? undefined);
  if (scenario) headers.set("x-mock-scenario", scenario);
  return {
    kind: "serve",
    channel,
    request: new Request(url, { method: request.method, headers, body: request.body }),
  };
}

/** Names the channel a request came in through, for the request log (set by the mock only). */
export const CHANNEL_HEADER = "x-mock-channel";
