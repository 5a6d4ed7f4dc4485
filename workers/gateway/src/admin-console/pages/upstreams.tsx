/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ChannelView } from "../../channels/manage.ts";
import { int, usd, utc } from "../format.ts";
import { type ConsoleContext, Layout, Notice } from "../layout.tsx";

/** Where a channel goes, as an operator reads it. */
function where(c: ChannelView) {
  if (c.base_url === "") return <span class="muted">embedded mock upstream (development)</span>;
  if (c.base_url.startsWith("mock:"))
    return <span class="muted">mock upstream channel {c.base_url.slice("mock:".length)}</span>;
  return <code>{c.base_url}</code>;
}

function Health(props: { channel: ChannelView }) {
  const { health } = props.channel;
  const failing = health.models.filter((m) => m.state !== "closed");
  return (
    <>
      <strong data-testid="health">{health.status.replace("_", "-")}</strong>
      {health.reopens_at !== null && <div class="muted">probed again after {utc(health.reopens_at)}</div>}
      {health.last_failure && (
        <div class="muted">
          last failure: {health.last_failure.kind}
          {health.last_failure.status !== null && ` (${health.last_failure.status})`} at{" "}
          {utc(health.last_failure.at)}
        </div>
      )}
      {failing.map((m) => (
        <div class="muted">
          {m.model}: {m.state.replace("_", "-")}
          {m.reopens_at !== null && ` until ${utc(m.reopens_at)}`}
        </div>
      ))}
      {props.channel.disabled_reason && <div class="muted">{props.channel.disabled_reason}</div>}
    </>
  );
}

const traffic = (u: ChannelView["last_hour"]) =>
  `${int(u.requests)} req · ${int(u.errors)} err · ${int(u.failed_attempts)} failed · ${int(u.input_tokens + u.output_tokens)} tok · ${usd(u.cost_nano)}`;

/**
 * The upstream channels in force: where each goes, its key as a hint only, what it serves, its
 * place in routing, its health and its traffic; disable and enable here, the rest with
 * `pnpm admin channels` (README: Channels).
 */
export function UpstreamsPage(props: {
  ctx: ConsoleContext;
  channels: ChannelView[];
  ok?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Upstreams">
      <Notice ok={props.ok} error={props.error} />
      <p class="muted">
        Each request tries the channels that serve its model, highest priority first and by weight within a
        priority, skipping open circuits; it fails over to the next while nothing has reached the client. Add,
        edit and delete channels with <code>pnpm admin channels</code> (README, Channels).
      </p>
      <div class="scroll">
        <table data-testid="channels">
          <thead>
            <tr>
              <th>Channel</th>
              <th>Vendor</th>
              <th>Base URL</th>
              <th>Key</th>
              <th>Models</th>
              <th class="n">Priority / weight</th>
              <th>Health</th>
              <th>Last hour</th>
              <th>Last day</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.channels.map((c) => (
              <tr data-channel={c.id}>
                <td>
                  {c.name}
                  <div class="muted">
                    <code>{c.id}</code>
                    {c.source === "env" && " · from the *_UPSTREAM_* settings"}
                  </div>
                </td>
                <td>{c.vendor}</td>
                <td>{where(c)}</td>
                <td>{c.credential_hint ? <code>{c.credential_hint}</code> : <strong>missing</strong>}</td>
                <td>
                  {c.models === null
                    ? "all"
                    : Object.entries(c.models).map(([model, upstream]) => (
                        <div>
                          {model}
                          {upstream && <span class="muted"> → {upstream}</span>}
                        </div>
                      ))}
                </td>
                <td class="n">
                  {c.priority} / {c.weight}
                </td>
                <td>
                  <Health channel={c} />
                </td>
                <td>{traffic(c.last_hour)}</td>
                <td>{traffic(c.last_day)}</td>
                <td>
                  <form
                    method="post"
                    action={`/admin/upstreams/${encodeURIComponent(c.id)}/${c.enabled ? "disable" : "enable"}`}
                  >
                    <button type="submit" class={c.enabled ? "danger" : undefined}>
                      {c.enabled ? "Disable" : "Enable"}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
