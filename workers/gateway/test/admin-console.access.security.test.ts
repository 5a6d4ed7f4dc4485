import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { AccessDenied, type Jwks, verifyAccessJwt } from "../src/admin-console/access-jwt.ts";
import { buildAdminConsole } from "../src/admin-console/routes.tsx";

// Cloudflare Access JWTs, made in the test with keys generated here: the team's signing key
// (published in its JWKS) and an attacker's key that is not.

const TEAM = "https://cc-ops.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const NOW = Date.UTC(2027, 2, 1, 12, 0, 0);
const nowS = Math.floor(NOW / 1000);

const b64url = (bytes: Uint8Array | string) =>
  btoa(String.fromCharCode(...(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const newKeyPair = () =>
  crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  ) as Promise<CryptoKeyPair>;

let team: CryptoKeyPair;
let attacker: CryptoKeyPair;
let jwks: Jwks;
let fetches: Array<{ url: string; refresh: boolean }>;
const source = async (url: string, opts: { refresh: boolean }) => {
  fetches.push({ url, refresh: opts.refresh });
  return jwks;
};

async function sign(
  claims: Record<string, unknown>,
  opts: { key?: CryptoKey; kid?: string; alg?: string } = {},
): Promise<string> {
  const header = b64url(
    JSON.stringify({ alg: opts.alg ?? "RS256", kid: opts.kid ?? "team-key-1", typ: "JWT" }),
  );
  const payload = b64url(JSON.stringify(claims));
  const sig = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    opts.key ?? team.privateKey,
    new TextEncoder().encode(`${header}.${payload}`),
  );
  return `${header}.${payload}.${b64url(new Uint8Array(sig))}`;
}

const claims = (over: Record<string, unknown> = {}) => ({
  aud: [AUD],
  email: "ops@example.com",
  sub: "7335d417-61da-459d-899c-0a01c76a2f94",
  iss: TEAM,
  iat: nowS - 60,
  nbf: nowS - 60,
  exp: nowS + 3600,
  type: "app",
  ...over,
});

const verify = (token: string, audience = AUD) =>
  verifyAccessJwt(token, { teamDomain: TEAM, audience }, source, NOW);

const refusal = async (token: string, audience = AUD) => {
  const err = await verify(token, audience).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AccessDenied);
  return (err as Error).message;
};

beforeAll(async () => {
  team = await newKeyPair();
  attacker = await newKeyPair();
  const pub = (await crypto.subtle.exportKey("jwk", team.publicKey)) as JsonWebKey;
  jwks = { keys: [{ ...pub, kid: "team-key-1", alg: "RS256", use: "sig" } as JsonWebKey] };
});

describe("the Access JWT check", () => {
  it("accepts a valid token and names who it vouches for", async () => {
    fetches = [];
    expect(await verify(await sign(claims()))).toEqual({
      email: "ops@example.com",
      sub: "7335d417-61da-459d-899c-0a01c76a2f94",
    });
    expect(fetches).toEqual([{ url: `${TEAM}/cdn-cgi/access/certs`, refresh: false }]);
    // A service token has a common_name instead of an email; aud may be a plain string.
    expect(
      await verify(await sign(claims({ email: undefined, common_name: "ci.token", aud: AUD }))),
    ).toMatchObject({
      email: "ci.token",
    });
  });

  it("refuses an expired token (and one not valid yet)", async () => {
    expect(await refusal(await sign(claims({ exp: nowS - 61 })))).toBe("expired");
    expect(await refusal(await sign(claims({ exp: undefined })))).toBe("expired");
    expect(await refusal(await sign(claims({ nbf: nowS + 600 })))).toBe("not yet valid");
  });

  it("refuses a token for another Access application (wrong audience)", async () => {
    expect(await refusal(await sign(claims({ aud: ["another-application-aud"] })))).toBe("wrong audience");
    expect(await refusal(await sign(claims()), "")).toBe("wrong audience");
  });

  it("refuses a token signed by anyone but the team (wrong signer), even under the team's key id", async () => {
    fetches = [];
    expect(await refusal(await sign(claims(), { key: attacker.privateKey }))).toBe("bad signature");
    expect(await refusal(await sign(claims(), { key: attacker.privateKey, kid: "attacker" }))).toBe(
      "token signed by an unknown key",
    );
    // An unknown key id is worth one fresh look at the team's keys (rotation), no more.
    expect(fetches.map((f) => f.refresh)).toEqual([false, false, true]);
  });

  it("refuses another issuer, other algorithms and garbage", async () => {
    expect(await refusal(await sign(claims({ iss: "https://evil.cloudflareaccess.com" })))).toBe(
      "wrong issuer",
    );
    const [h, p] = (await sign(claims())).split(".");
    const none = `${b64url(JSON.stringify({ alg: "none", kid: "team-key-1" }))}.${p}.`;
    expect(await refusal(none)).toBe("unexpected algorithm none");
    expect(await refusal(`${h}.${p}`)).toBe("malformed token");
    expect(await refusal("not a token")).toBe("malformed token");
    expect(await refusal(await sign(claims({ email: "" })))).toBe("token names nobody");
  });
});

describe("the console behind Access (production)", () => {
  const production = {
    ...env,
    ENVIRONMENT: "production",
    ACCESS_TEAM_DOMAIN: "cc-ops.cloudflareaccess.com",
    ACCESS_AUD: AUD,
  };
  const app = new Hono<{ Bindings: Env }>().route(
    "/admin",
    buildAdminConsole({ jwks: source, now: () => NOW }),
  );
  const get = async (headers: Record<string, string>, overrides: Partial<Env> = {}) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://gateway.test/admin/prices", { headers }),
      { ...production, ...overrides },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return { status: res.status, html: await res.text() };
  };

  it("serves the operator the token names", async () => {
    const page = await get({ "cf-access-jwt-assertion": await sign(claims()) });
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-testid="actor">ops@example.com');
    expect(page.html).toContain("claude-sonnet-4-6");
  });

  it("refuses a request without the token, with a bad one, and the admin token's way in", async () => {
    expect((await get({})).status).toBe(403);
    const expired = await get({ "cf-access-jwt-assertion": await sign(claims({ exp: nowS - 3600 })) });
    expect(expired.status).toBe(403);
    expect(expired.html).toContain("Cloudflare Access token refused: expired.");
    const forged = await get({
      "cf-access-jwt-assertion": await sign(claims(), { key: attacker.privateKey }),
    });
    expect(forged.status).toBe(403);
    // No local sign-in in production: /admin/login sends back to the console, which refuses.
    const ctx = createExecutionContext();
    const login = await app.fetch(
      new Request("https://gateway.test/admin/login", {
        method: "POST",
        headers: { origin: "https://gateway.test", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: env.ADMIN_TOKEN }).toString(),
      }),
      production,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(login.status).toBe(303);
    expect(login.headers.get("set-cookie")).toBeNull();
  });

  it("refuses everyone while Access is not configured", async () => {
    const page = await get({ "cf-access-jwt-assertion": await sign(claims()) }, { ACCESS_AUD: "" });
    expect(page.status).toBe(403);
    expect(page.html).toContain("The operator console is not configured");
  });

  it("is production's console wherever ENVIRONMENT is not development: staging, a typo", async () => {
    for (const ENVIRONMENT of ["staging", "developement"]) {
      expect((await get({}, { ENVIRONMENT })).status).toBe(403);
      const page = await get({}, { ENVIRONMENT, ACCESS_AUD: "" });
      expect(page.status).toBe(403);
      expect(page.html).toContain("The operator console is not configured");
    }
  });
});
