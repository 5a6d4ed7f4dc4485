/**
 * Cloudflare Access in front of /admin: every request Access lets through carries a JWT in the
 * `Cf-Access-Jwt-Assertion` header, signed (RS256) by the team's keys published at
 * `https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`. We check the signature against
 * those keys, the issuer (the team domain), the audience (the Access application's AUD tag) and
 * the time window, as https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
 * asks, and take the identity (email, or a service token's common_name) from it.
 */

export const ACCESS_JWT_HEADER = "cf-access-jwt-assertion";

export interface AccessConfig {
  /** https://<team>.cloudflareaccess.com (ACCESS_TEAM_DOMAIN) */
  teamDomain: string;
  /** The Access application's audience tag (ACCESS_AUD). */
  audience: string;
}

export interface AccessIdentity {
  /** The user's email, or a service token's common name. */
  email: string;
  sub: string;
}

/** A JSON Web Key Set (RFC 7517, section 5). */
export interface Jwks {
  keys: JsonWebKey[];
}

/** Where the team's keys come from: the certs endpoint in production, a fixed set in tests. */
export type JwksSource = (certsUrl: string, opts: { refresh: boolean }) => Promise<Jwks>;

export class AccessDenied extends Error {
  override name = "AccessDenied";
}

/** Clock skew tolerated on exp / nbf / iat, seconds. */
const LEEWAY_S = 60;

/** https://<team>.cloudflareaccess.com, without a trailing slash; the scheme added when missing. */
export const normalizeTeamDomain = (domain: string) =>
  (/^https?:\/\//.test(domain) ? domain : `https://${domain}`).replace(/\/+$/, "");

const b64urlBytes = (s: string): Uint8Array => {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

const b64urlJson = (s: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(b64urlBytes(s)));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AccessDenied("malformed token");
};

/**
 * The identity in a valid Access JWT; throws AccessDenied naming why not (expired, wrong
 * audience, bad signature, …). `now` is Unix ms.
 */
export async function verifyAccessJwt(
  token: string,
  config: AccessConfig,
  jwks: JwksSource,
  now: number,
): Promise<AccessIdentity> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
    throw new AccessDenied("malformed token");
  const [h, p, s] = parts as [string, string, string];
  const header = b64urlJson(h);
  // Only RS256, what Access signs with: never "none", never an HMAC keyed by a public key.
  if (header.alg !== "RS256") throw new AccessDenied(`unexpected algorithm ${String(header.alg)}`);
  if (typeof header.kid !== "string") throw new AccessDenied("token names no key");
  const issuer = normalizeTeamDomain(config.teamDomain);
  const certsUrl = `${issuer}/cdn-cgi/access/certs`;
  let jwk = (await jwks(certsUrl, { refresh: false })).keys.find((k) => keyId(k) === header.kid);
  // Access rotates its keys: an unknown kid is worth one fresh look at the certs.
  jwk ??= (await jwks(certsUrl, { refresh: true })).keys.find((k) => keyId(k) === header.kid);
  if (jwk?.kty !== "RSA") throw new AccessDenied("token signed by an unknown key");
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: "RS256", ext: true },
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signed = new TextEncoder().encode(`${h}.${p}`);
  if (!(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, b64urlBytes(s), signed)))
    throw new AccessDenied("bad signature");

  const claims = b64urlJson(p);
  if (claims.iss !== issuer) throw new AccessDenied("wrong issuer");
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!config.audience || !aud.includes(config.audience)) throw new AccessDenied("wrong audience");
  const nowS = Math.floor(now / 1000);
  if (typeof claims.exp !== "number" || claims.exp + LEEWAY_S <= nowS) throw new AccessDenied("expired");
  if (typeof claims.nbf === "number" && claims.nbf - LEEWAY_S > nowS) throw new AccessDenied("not yet valid");
  if (typeof claims.iat === "number" && claims.iat - LEEWAY_S > nowS)
    throw new AccessDenied("issued in the future");
  const email =
    typeof claims.email === "string" && claims.email
      ? claims.email
      : typeof claims.common_name === "string" && claims.common_name
        ? claims.common_name
        : undefined;
  if (!email) throw new AccessDenied("token names nobody");
  return { email, sub: typeof claims.sub === "string" ? claims.sub : "" };
}

const keyId = (k: JsonWebKey): string | undefined => (k as JsonWebKey & { kid?: string }).kid;

/** Cached per isolate: Access publishes a key set that changes only on rotation. */
const CACHE_MS = 10 * 60_000;
let cache: { url: string; at: number; jwks: Jwks } | undefined;

/** The team's keys from its certs endpoint, cached; `refresh` looks again (at most every 30 s). */
export const fetchAccessJwks: JwksSource = async (certsUrl, { refresh }) => {
  const now = Date.now();
  if (cache?.url === certsUrl && now - cache.at < CACHE_MS && !(refresh && now - cache.at > 30_000))
    return cache.jwks;
  const res = await fetch(certsUrl, { headers: { accept: "application/json" } });
  if (!res.ok) throw new AccessDenied(`the team's keys could not be fetched (${res.status})`);
  const body = (await res.json()) as Partial<Jwks>;
  const jwks = { keys: Array.isArray(body.keys) ? body.keys : [] };
  cache = { url: certsUrl, at: now, jwks };
  return jwks;
};
