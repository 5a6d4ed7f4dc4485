import { GatewayError } from "@cc/formats";
import { Hono } from "hono";
import {
  channelJson,
  createChannel,
  editChannel,
  listChannelViews,
  reencryptChannels,
  removeChannel,
  setChannelEnabled,
} from "../channels/manage.ts";
import type { AppEnv } from "../env.ts";
import { ADMIN_TOKEN_ACTOR } from "../operator/audit.ts";

/**
 * /api/admin/channels: the upstream channels (README "Channels"; `pnpm admin channels …`).
 * Mounted inside the admin router, behind its token check. `:id` may be a channel's id or name.
 */
export const adminChannels = new Hono<AppEnv>();

const body = async (req: Request): Promise<unknown> => {
  try {
    return await req.json();
  } catch {
    throw new GatewayError("invalid_request", "The request body is not valid JSON.");
  }
};

adminChannels.get("/", async (c) => c.json({ channels: await listChannelViews(c.env) }));

adminChannels.post("/", async (c) =>
  c.json(
    { channel: channelJson(c.env, await createChannel(c.env, ADMIN_TOKEN_ACTOR, await body(c.req.raw))) },
    201,
  ),
);

/** After a CHANNEL_CREDENTIALS_KEY rotation: every stored credential sealed under the current key. */
adminChannels.post("/reencrypt", async (c) => c.json(await reencryptChannels(c.env, ADMIN_TOKEN_ACTOR)));

adminChannels.get("/:id", async (c) => {
  const wanted = c.req.param("id");
  const channel = (await listChannelViews(c.env)).find((ch) => ch.id === wanted || ch.name === wanted);
  if (!channel) throw new GatewayError("not_found", "No such channel.");
  return c.json({ channel });
});

adminChannels.patch("/:id", async (c) =>
  c.json({
    channel: channelJson(
      c.env,
      await editChannel(c.env, ADMIN_TOKEN_ACTOR, c.req.param("id"), await body(c.req.raw)),
    ),
  }),
);

adminChannels.post("/:id/disable", async (c) =>
  c.json({
    channel: channelJson(c.env, await setChannelEnabled(c.env, ADMIN_TOKEN_ACTOR, c.req.param("id"), false)),
  }),
);

adminChannels.post("/:id/enable", async (c) =>
  c.json({
    channel: channelJson(c.env, await setChannelEnabled(c.env, ADMIN_TOKEN_ACTOR, c.req.param("id"), true)),
  }),
);

adminChannels.delete("/:id", async (c) =>
  c.json({ deleted: channelJson(c.env, await removeChannel(c.env, ADMIN_TOKEN_ACTOR, c.req.param("id"))) }),
);
