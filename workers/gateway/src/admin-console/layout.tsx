/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Actor } from "../operator/audit.ts";

/** What every console page needs: the CSP nonce, who is signed in, the path. */
export interface ConsoleContext {
  nonce: string;
  path: string;
  actor?: Actor;
}

// One inline stylesheet (by nonce); no script at all.
const CSS = `*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1f2328;background:#fff}
a{color:#0969da}header{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;padding:.5rem 1rem;background:#24292f;color:#fff}
header a{color:#fff;text-decoration:none}header a[aria-current]{font-weight:700;text-decoration:underline}.brand{font-weight:700;margin-right:auto}
header form{margin:0}header button{background:none;border:1px solid #fff;color:#fff;padding:.1rem .5rem}
main{max-width:1200px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:.3rem .45rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
th{background:#f6f8fa}.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:.6rem}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem}
.card b{display:block;font-size:1.3rem}form.f{display:grid;gap:.6rem;max-width:520px}label{display:grid;gap:.15rem;font-weight:600}
input,select,button,textarea{font:inherit;padding:.4rem .55rem;border:1px solid #d0d7de;border-radius:6px}
button{background:#0969da;color:#fff;border-color:#0969da;cursor:pointer}button.danger{background:#fff;color:#cf222e;border-color:#cf222e;padding:.1rem .5rem}
.err,.ok,.note{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.6rem 0;background:#f6f8fa}
.err{background:#ffebe9;border-color:#cf222e}.ok{background:#dafbe1;border-color:#1a7f37}.muted{color:#656d76}code{font:12px ui-monospace,monospace}
.inline{display:inline;margin-left:.5rem}.tabs{display:flex;flex-wrap:wrap;gap:.8rem;margin:.5rem 0}.tabs a[aria-current]{font-weight:700;color:inherit}`;

const NAV: Array<[string, string]> = [
  ["/admin", "Overview"],
  ["/admin/accounts", "Accounts"],
  ["/admin/topups", "Top-ups"],
  ["/admin/prices", "Prices"],
  ["/admin/upstreams", "Upstreams"],
];

const current = (path: string, href: string) =>
  path === href || (href !== "/admin" && path.startsWith(`${href}/`));

export function Layout(props: { ctx: ConsoleContext; title: string; children?: Child }) {
  const { ctx } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · cc-gateway operators`}</title>
        <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <a class="brand" href="/admin">
            cc-gateway operators
          </a>
          {ctx.actor &&
            NAV.map(([href, label]) => (
              <a href={href} aria-current={current(ctx.path, href) ? "page" : undefined}>
                {label}
              </a>
            ))}
          {ctx.actor && (
            <span data-testid="actor">
              {ctx.actor.id}
              {ctx.actor.via === "admin-token" && (
                <form method="post" action="/admin/logout" class="inline">
                  <button type="submit">Sign out</button>
                </form>
              )}
            </span>
          )}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A one-line notice after an action (?ok=… / ?error=…). */
export function Notice(props: { ok?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.ok && (
        <div class="ok" role="status">
          {props.ok}
        </div>
      )}
      {props.error && (
        <div class="err" role="alert">
          {props.error}
        </div>
      )}
    </>
  );
}
