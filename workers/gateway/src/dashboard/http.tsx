/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { randomToken } from "@cc/web-crypto";
import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { validator } from "hono/validator";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { readBody } from "../lib/read-body.ts";
import { MessagePage } from "./auth/pages.tsx";
import type { SessionInfo } from "./auth/session.ts";
import type { PageContext } from "./components/layout.tsx";

/** The site's and the dashboard's HTTP plumbing: HTML responses, redirects, forms. */

/** What the middleware (middleware.ts) sets for every page: who is signed in, and the page's context. */
export interface SiteVariables {
  page: PageContext;
  /** The live session, if the browser has one. */
  session: SessionInfo | undefined;
  /** The browser presented a session that has expired (and was deleted). */
  sessionExpired: boolean;
}
export type SiteEnv = { Bindings: Env; Variables: AppEnv["Variables"] & SiteVariables };
/** Behind requireSession: the session is there, and the page knows its user. */
export type SignedInEnv = {
  Bindings: Env;
  Variables: AppEnv["Variables"] & SiteVariables & { session: SessionInfo; page: SignedIn };
};
export type C = Context<SiteEnv>;
export type SignedInContext = Context<SignedInEnv>;
export type SignedIn = PageContext & { user: { email: string; csrfToken: string; emailVerified: boolean } };

const FORM_MAX_BYTES = 64 * 1024;

// ── responses ────────────────────────────────────────────────────────────────────────────

/**
 * An HTML response with the dashboard's security headers. The CSP allows only our own inline
 * style and script, by nonce; no page is cached (they carry per-session CSRF tokens). Sent
 * through the context, so the cookies set on it (hono/cookie) go with it.
 */
export async function html(c: Context, ctx: PageContext, node: JSX.Element, status = 200): Promise<Response> {
  const body = `<!doctype html>${String(await node)}`;
  return c.body(body, status as 200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `default-src 'none'; style-src 'nonce-${ctx.nonce}'; script-src 'nonce-${ctx.nonce}'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'`,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
  });
}

/** A page of this request (its context from the middleware), as {@link html}. */
export const render = (c: C | SignedInContext, node: JSX.Element, status = 200): Promise<Response> =>
  html(c, c.var.page, node, status);

/** A redirect that is never cached. */
export const redirect = (c: Context, location: string, status: 302 | 303 = 303): Response => {
  c.header("cache-control", "no-store");
  return c.redirect(location, status);
};

/** The page context of a request: a fresh CSP nonce, the path and origin, the signed-in user. */
export const baseContext = (c: Context, user?: SessionInfo): PageContext => {
  const url = new URL(c.req.url);
  return {
    nonce: randomToken(16),
    path: url.pathname,
    origin: url.origin,
    ...(user
      ? { user: { email: user.email, csrfToken: user.csrfToken, emailVerified: user.emailVerified } }
      : {}),
  };
};

/** The refusal of a form that is not ours (another origin, no or a wrong CSRF token): 403. */
export const forbidden = (c: C) =>
  html(
    c,
    c.var.page,
    <MessagePage
      ctx={c.var.page}
      title="Request refused"
      message="This form was not sent from this site, or it has expired. Reload the page and try again."
    />,
    403,
  );

/** `next` after login: a local dashboard or docs path only, never another site. */
export const safeNext = (next: unknown): string | undefined =>
  typeof next === "string" && /^\/(dashboard|docs)(\/[A-Za-z0-9/_-]*)?$/.test(next) ? next : undefined;

// ── forms ────────────────────────────────────────────────────────────────────────────────

/**
 * A posted form, or undefined when it is not one (refused as 403 by the middleware). The body is
 * read with the proxy's capped reader: past 64 KB, declared or chunked, it is a 413 page. The
 * parsed form is left in Hono's body cache, where the route's validator finds it: the body is
 * read once, and never uncapped.
 */
export async function readFormData(c: Context): Promise<FormData | undefined> {
  if (c.req.bodyCache.formData) return c.req.bodyCache.formData;
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return undefined;
  }
  const bytes = await readBody(c.req.raw, FORM_MAX_BYTES);
  try {
    const data = await new Response(bytes, { headers: { "content-type": type } }).formData();
    c.req.bodyCache.formData = data;
    return data;
  } catch {
    return undefined;
  }
}

/** A field that must appear once, as text (the CSRF token): undefined otherwise. */
export const singleValue = (form: FormData, name: string): string | undefined => {
  const values = form.getAll(name);
  return values.length === 1 && typeof values[0] === "string" ? values[0] : undefined;
};

/** A form field as the validator hands it over: a value, several, or none. */
type FieldValue = string | File | (string | File)[] | undefined;

/** The first text value of a field ("" when absent or a file): what a text input posts. */
export const firstText = (v: unknown): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
};

/** Every text value of a field: what a group of checkboxes posts. */
export const allTexts = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

/** A text input in a form schema: {@link firstText}. */
export const formText = z.preprocess(firstText, z.string());
/** A group of checkboxes in a form schema: {@link allTexts}. */
export const formTexts = z.preprocess(allTexts, z.array(z.string()));

/**
 * A form validated by a zod schema through Hono's validator: the route reads the schema's output
 * with `c.req.valid("form")`. When it fails, `invalid` answers instead, with the messages of
 * the schema's issues (each once, in order) and the fields as posted.
 */
export const validForm = <S extends z.ZodType, E extends SiteEnv>(
  schema: (c: Context<E>) => S | Promise<S>,
  invalid: (
    c: Context<E>,
    errors: string[],
    fields: Record<string, FieldValue>,
  ) => Response | Promise<Response>,
) =>
  validator("form", async (fields: Record<string, FieldValue>, c: Context<E>) => {
    const parsed = (await schema(c)).safeParse(fields);
    if (parsed.success) return parsed.data as z.output<S>;
    return invalid(c, [...new Set(parsed.error.issues.map((i) => i.message))], fields);
  });
