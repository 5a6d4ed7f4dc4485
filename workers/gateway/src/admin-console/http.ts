import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppEnv } from "../env.ts";
import type { Actor } from "../operator/audit.ts";

/** The console's Hono environment: the gateway's, plus the operator (set once signed in) and the CSP nonce. */
export type ConsoleEnv = { Bindings: Env; Variables: AppEnv["Variables"] & { actor: Actor; nonce: string } };
export type C = Context<ConsoleEnv>;

const FORM_MAX_BYTES = 16 * 1024;

/** An HTML page with the console's headers: our nonce'd style only, no script, never cached or framed. */
export async function html(node: JSX.Element, nonce: string, status = 200, extra: HeadersInit = {}) {
  const headers = new Headers(extra);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set(
    "content-security-policy",
    `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  headers.set("x-frame-options", "DENY");
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "same-origin");
  headers.set("cache-control", "no-store");
  return new Response(`<!doctype html>${String(await node)}`, { status, headers });
}

export const redirect = (location: string, extra: HeadersInit = {}) => {
  const headers = new Headers(extra);
  headers.set("location", location);
  headers.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers });
};

/** A url-encoded form's fields (first value of each), or undefined when it is not one or too big. */
export async function readForm(c: C): Promise<Record<string, string> | undefined> {
  if (Number(c.req.header("content-length") ?? "0") > FORM_MAX_BYTES) return undefined;
  if (!(c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return undefined;
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** A local console path to go back to after an action; anything else goes to /admin. */
export const safeBack = (back: string | undefined): string =>
  back && /^\/admin(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(back) ? back : "/admin";
