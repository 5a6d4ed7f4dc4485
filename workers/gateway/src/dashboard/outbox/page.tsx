/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DevEmail } from "@cc/db";
import { Layout, LocalTime, type PageContext } from "../components/layout.tsx";

/** The links in a plain-text email body: http(s) only. */
export const linksIn = (text: string): string[] => text.match(/https?:\/\/[^\s<>"]+/g) ?? [];

export function OutboxPage(props: { ctx: PageContext; emails: DevEmail[]; to: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="Development outbox">
      <p class="muted">
        Every email this development stack sent, newest first (the last 50). Production sends them through the
        mail provider instead; this page does not exist there.
      </p>
      <form class="filters" method="get" action="/dev/outbox">
        <label>
          To
          <input type="email" name="to" value={props.to ?? ""} placeholder="any address" />
        </label>
        <button type="submit">Show</button>
      </form>
      {props.emails.length === 0 && <p class="muted">No emails yet.</p>}
      {props.emails.map((m) => (
        <article class="card mail" data-to={m.to}>
          <h2>{m.subject}</h2>
          <p class="muted">
            To {m.to} · <LocalTime ms={m.createdAt} seconds />
          </p>
          <pre>{m.text}</pre>
          {linksIn(m.text).map((href) => (
            <p>
              <a href={href} class="mail-link">
                Open the link
              </a>
            </p>
          ))}
        </article>
      ))}
    </Layout>
  );
}
