/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** What every page needs from the request: the CSP nonce, the user (if any), the path. */
export interface PageContext {
  nonce: string;
  path: string;
  origin: string;
  user?: { email: string; csrfToken: string; emailVerified?: boolean };
}

// One small stylesheet, inline (no extra request). Below 600px: one column, the nav in a menu,
// data tables as stacked cards (every cell keeps its label), charts drawn for a narrow column.
const CSS = `*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1f2328}a{color:#0969da}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem;padding:.6rem 1rem;border-bottom:1px solid #d0d7de}
.brand{font-weight:700;margin-right:auto;color:inherit;text-decoration:none}nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem}
nav a[aria-current]{font-weight:700;color:inherit}header form{margin:0}main{max-width:1160px;margin:0 auto;padding:1rem}
details.menu{display:none;position:relative}details.menu summary{cursor:pointer;list-style:none;padding:.3rem .7rem;border:1px solid #d0d7de;border-radius:6px}
details.menu summary::-webkit-details-marker{display:none}
details.menu .panel{position:absolute;right:0;top:2.4rem;z-index:5;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.6rem .9rem;min-width:13rem;display:grid;gap:.45rem;box-shadow:0 6px 18px #0002}
details.menu .panel nav{display:grid;gap:.45rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}figure{margin:0}.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:.35rem .4rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
th{background:#f6f8fa}.data td,.data th{white-space:nowrap}.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.75rem}
.card,fieldset{border:1px solid #d0d7de;border-radius:8px;padding:.7rem .9rem}.card b{display:block;font-size:1.45rem}
fieldset{min-width:0}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}.grid>*{min-width:0}form.f{display:grid;gap:.7rem;max-width:460px}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}form.filters label{font-size:13px}form.inline{display:inline}
label{display:grid;gap:.2rem;font-weight:600}label.c{display:flex;gap:.4rem}label.c,label .muted{font-weight:400}
input,select,button{font:inherit;font-weight:400;padding:.45rem .6rem;border:1px solid #d0d7de;border-radius:6px;max-width:100%}
button,a.button{background:#0969da;color:#fff;border:1px solid #0969da;border-radius:6px;cursor:pointer;padding:.45rem .8rem;text-decoration:none;display:inline-block}
button.link{background:none;border:0;color:#0969da;padding:0}
button.danger{background:#fff;color:#cf222e;border-color:#cf222e;padding:.1rem .5rem}button.danger.big{padding:.45rem .8rem}
button.secondary,a.button.secondary{background:#fff;color:#0969da}
button[data-copy]{background:#fff;color:#0969da;padding:.15rem .7rem}
.err,.ok,.note{border:1px solid #d0d7de;border-radius:6px;padding:.55rem .8rem;margin:.6rem 0;background:#f6f8fa}
.err{background:#ffebe9;border-color:#cf222e}.ok{background:#dafbe1;border-color:#1a7f37}
pre{background:#f6f8fa;padding:.75rem;border-radius:6px;overflow-x:auto}code{font:13px ui-monospace,monospace}
p code,li code,td code{overflow-wrap:anywhere}.mail pre{white-space:pre-wrap;overflow-wrap:anywhere}
.muted{color:#656d76}.legend{display:flex;flex-wrap:wrap;gap:0 1rem;font-size:13px;padding:0;list-style:none}svg.chart{width:100%;height:auto}
svg.chart.narrow{display:none}.pager{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:.6rem 0}
ol.checklist{padding-left:1.3rem}ol.checklist li{margin:.5rem 0}ol.checklist li.done{color:#656d76}ol.checklist li.next{font-weight:600}
.hero{margin:.5rem 0 1.5rem}.hero p{font-size:1.1rem;max-width:46rem}.ctas{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
a.btn{display:inline-block;padding:.5rem 1rem;border-radius:6px;border:1px solid #0969da;text-decoration:none;font-weight:600}
a.btn.primary{background:#0969da;color:#fff}.steps{padding-left:1.3rem}.steps li{margin:.35rem 0}
.plans{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.75rem}.plans ul{margin:.3rem 0 0;padding-left:1.1rem}
.toc{columns:2 14rem;padding-left:1.2rem}h3{font-size:1rem;margin:1rem 0 .4rem}footer{max-width:1160px;margin:2rem auto 0;padding:1rem;border-top:1px solid #d0d7de;color:#656d76;font-size:13px}
@media(max-width:640px){.grid{grid-template-columns:1fr}main{padding:.75rem}}
@media(max-width:599px){header>nav,header>form{display:none}details.menu{display:block}
svg.chart.wide{display:none}svg.chart.narrow{display:block}
table.stack thead{display:none}table.stack,table.stack tbody{display:block}table.stack tr{display:block;border:1px solid #d0d7de;border-radius:8px;padding:.35rem .5rem;margin:0 0 .6rem}
table.stack td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.15rem .1rem;white-space:normal;text-align:right;overflow-wrap:anywhere}
table.stack td::before{content:attr(data-label);font-weight:600;color:#656d76;text-align:left;flex:none}
table.stack td[data-label=""]::before{content:none}table.stack td.detail{display:block;text-align:left}}`;

// The only script on the site: copy buttons (<button data-copy="id"> copies the text of #id),
// times shown in the browser's time zone (<time data-local datetime>), and the browser's UTC
// offset in a cookie, so the server draws days and hours on the viewer's clock.
const SITE_JS = `document.addEventListener("click",function(e){var b=e.target.closest("[data-copy]");if(!b)return;
var t=document.getElementById(b.getAttribute("data-copy")).textContent;var done=function(){b.textContent="Copied"};
if(navigator.clipboard){navigator.clipboard.writeText(t).then(done,function(){})}else{var r=document.createRange();
r.selectNodeContents(document.getElementById(b.getAttribute("data-copy")));getSelection().removeAllRanges();getSelection().addRange(r)}});
(function(){var p=function(n){return(n<10?"0":"")+n};document.querySelectorAll("time[data-local]").forEach(function(t){
var d=new Date(t.getAttribute("datetime"));if(isNaN(d))return;t.title=t.textContent;t.textContent=d.getFullYear()+"-"+p(d.getMonth()+1)+"-"+p(d.getDate())+" "+p(d.getHours())+":"+p(d.getMinutes())+(t.hasAttribute("data-seconds")?":"+p(d.getSeconds()):"")});
document.cookie="cc_tz="+(-new Date().getTimezoneOffset())+";path=/;max-age=31536000;samesite=lax"})();`;

const NAV_SIGNED_IN: Array<[string, string]> = [
  ["/dashboard", "Dashboard"],
  ["/dashboard/usage", "Usage"],
  ["/dashboard/keys", "Keys"],
  ["/dashboard/billing", "Billing"],
  ["/dashboard/settings", "Settings"],
  ["/docs", "Docs"],
  ["/tools", "Tools"],
];
const NAV_SIGNED_OUT: Array<[string, string]> = [
  ["/pricing", "Pricing"],
  ["/tools", "Tools"],
  ["/docs", "Docs"],
  ["/login", "Log in"],
  ["/signup", "Sign up"],
];

const current = (path: string, href: string) =>
  path === href || (href !== "/dashboard" && path.startsWith(`${href}/`));

function NavLinks(props: { ctx: PageContext }) {
  const nav = props.ctx.user ? NAV_SIGNED_IN : NAV_SIGNED_OUT;
  return (
    <nav>
      {nav.map(([href, label]) => (
        <a href={href} aria-current={current(props.ctx.path, href) ? "page" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function LogoutForm(props: { user: NonNullable<PageContext["user"]> }) {
  return (
    <form method="post" action="/logout">
      <input type="hidden" name="_csrf" value={props.user.csrfToken} />
      <span class="muted">{props.user.email}</span>{" "}
      <button type="submit" class="link">
        Log out
      </button>
    </form>
  );
}

/** Until the owner confirms their address: what is closed, and a way to get a new link. */
function VerifyBanner(props: { user: NonNullable<PageContext["user"]> }) {
  return (
    <div class="note" id="verify-banner">
      <strong>Confirm your email address.</strong> We sent a link to {props.user.email}. Until you open it you
      can look around, but not create API keys or top up.{" "}
      <form class="inline" method="post" action="/dashboard/verify/resend">
        <input type="hidden" name="_csrf" value={props.user.csrfToken} />
        <button type="submit" class="link">
          Send a new link
        </button>
      </form>
    </div>
  );
}

/**
 * The page shell: head, nav, main. Every page renders inside it. `heading` replaces the title
 * as the page's h1 (the landing page's headline); `description` is the search-result snippet.
 * On a phone the nav folds into a menu (a <details>: no script needed).
 */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  heading?: string;
  description?: string;
  children?: Child;
}) {
  const { ctx } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · cc-gateway`}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            cc-gateway
          </a>
          <NavLinks ctx={ctx} />
          {ctx.user && <LogoutForm user={ctx.user} />}
          <details class="menu">
            <summary aria-label="Menu">☰ Menu</summary>
            <div class="panel">
              <NavLinks ctx={ctx} />
              {ctx.user && <LogoutForm user={ctx.user} />}
            </div>
          </details>
        </header>
        <main>
          {ctx.user && ctx.user.emailVerified === false && <VerifyBanner user={ctx.user} />}
          <h1>{props.heading ?? props.title}</h1>
          {props.children}
        </main>
        <script nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: SITE_JS }} />
      </body>
    </html>
  );
}

/** A block of code with a copy button. */
export function CodeBlock(props: { id: string; code: string; label?: string }) {
  return (
    <div>
      {props.label && <div class="muted">{props.label}</div>}
      <pre>
        <code id={props.id}>{props.code}</code>
      </pre>
      <button type="button" data-copy={props.id}>
        Copy
      </button>
    </div>
  );
}

/** Form errors, one per line. */
export function Errors(props: { errors: string[] | undefined }) {
  if (!props.errors?.length) return null;
  return (
    <div class="err" role="alert">
      {props.errors.map((e) => (
        <div>{e}</div>
      ))}
    </div>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export const CsrfField = (props: { token: string }) => (
  <input type="hidden" name="_csrf" value={props.token} />
);

/** Inline `code` spans in plain text written with backticks; everything else stays text. */
export function Prose(props: { text: string }) {
  const parts = props.text.split("`");
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>;
}

/** A time shown in the browser's time zone (by the page's script); UTC until it runs. */
export function LocalTime(props: { ms: number | null | undefined; seconds?: boolean }) {
  if (props.ms == null) return <>—</>;
  const iso = new Date(props.ms).toISOString();
  return (
    <time data-local="" datetime={iso} data-seconds={props.seconds ? "" : undefined}>
      {`${iso.slice(0, props.seconds ? 19 : 16).replace("T", " ")} UTC`}
    </time>
  );
}
