import { Hono, type MiddlewareHandler } from "hono";
import { CHANNEL_HEADER, listChannels, putChannel } from "./channels.ts";
import type { AppEnv, ParsedBody } from "./context.ts";

/** One request as the mock received it; the gateway's tests inspect these. */
export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
  /** The mock channel it came in through (`/ch/<name>/…`), or null. */
  channel: string | null;
}

const MAX_RECORDED = 50;
const recorded: RecordedRequest[] = [];

async function readBody(req: Request): Promise<ParsedBody> {
  const text = await req.text();
  if (text === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid" };
  }
}

/**
 * Reads the body once (handlers use `c.get("body")`) and records the request, before auth,
 * so that rejected requests are visible too. /_mock itself is not recorded.
 */
export const recordRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const body = await readBody(c.req.raw);
  c.set("body", body);
  const url = new URL(c.req.url);
  if (!url.pathname.startsWith("/_mock")) {
    recorded.push({
      method: c.req.method,
      path: url.pathname,
      search: url.search,
      headers: Object.fromEntries(c.req.raw.headers), // Headers yields lowercased names
      body: body.kind === "json" ? body.value : null,
      channel: c.req.header(CHANNEL_HEADER) ?? null,
    });
    if (recorded.length > MAX_RECORDED) recorded.splice(0, recorded.length - MAX_RECORDED);
  }
  await next();
};

/** No auth here: it is a test aid and only ever runs in development and tests. */
export const debugRoutes = new Hono<AppEnv>()
  .get("/requests", (c) => c.json(recorded))
  .delete("/requests", (c) => {
    recorded.length = 0;
    return c.json({ cleared: true });
  })
  .get("/channels", (c) => c.json(listChannels(c.env.MOCK_CHANNELS)))
  .put("/channels/:name", async (c) => {
    const body = c.get("body");
    const channel = putChannel(
      c.env.MOCK_CHANNELS,
      c.req.param("name"),
      body.kind === "json" ? body.value : {},
    );
    return typeof channel === "string" ? c.json({ error: channel }, 400) : c.json(channel);
  });
