import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { csrfTokenValid, sameOrigin } from "../src/dashboard/auth/csrf.ts";
import {
  hashPassword,
  PBKDF2_ITERATIONS,
  parsePasswordHash,
  verifyAgainstDecoy,
  verifyPassword,
} from "../src/dashboard/auth/password.ts";
import { LOGIN_FAILURES_PER_MINUTE } from "../src/dashboard/auth/throttle.ts";
import { Browser, csrfIn, newEmail, PASSWORD, signedUp } from "./dashboard.helpers.ts";
import { BASE } from "./helpers.ts";

describe("password hashing (PBKDF2-SHA256 through WebCrypto)", () => {
  it("stores pbkdf2-sha256$100000$salt$hash with a fresh salt and verifies", async () => {
    const a = await hashPassword("hunter2hunter2");
    const b = await hashPassword("hunter2hunter2");
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b); // per-user random salt
    expect(await verifyPassword("hunter2hunter2", a)).toBe(true);
    expect(await verifyPassword("hunter2hunter3", a)).toBe(false);
    expect(parsePasswordHash(a)?.iterations).toBe(PBKDF2_ITERATIONS);
  });

  it("uses the Workers runtime's ceiling: 100,000 iterations, more refused before deriving", async () => {
    // Deployed Workers refuse PBKDF2 above 100,000 iterations; local workerd does not, so the
    // code refuses it itself and this test is what keeps the constant honest.
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    await expect(hashPassword("x", 100_001)).rejects.toThrow(/refused by the Workers runtime/);
  });

  it("rejects malformed or foreign hashes without throwing", async () => {
    for (const stored of [
      "",
      "bcrypt$x",
      "pbkdf2-sha256$abc$AA$AA",
      "pbkdf2-sha256$999999$AA$AA",
      "pbkdf2-sha256$1$$",
    ]) {
      expect(await verifyPassword("x", stored)).toBe(false);
    }
    expect(await verifyAgainstDecoy("anything")).toBe(false);
  });
});

/** A Set-Cookie line as its name, value and attributes (the attributes' order is free). */
function parseSetCookie(line: string): { name: string; value: string; attributes: Set<string> } {
  const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes: new Set(attributes) };
}

describe("CSRF helpers", () => {
  it("accepts a matching Origin, falls back to Referer, refuses neither or another site", () => {
    const req = (headers: Record<string, string>) =>
      new Request(`${BASE}/login`, { method: "POST", headers });
    expect(sameOrigin(req({ origin: BASE }))).toBe(true);
    expect(sameOrigin(req({ origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(req({ origin: "null" }))).toBe(false);
    expect(sameOrigin(req({ referer: `${BASE}/login` }))).toBe(true);
    expect(sameOrigin(req({ referer: "https://evil.example/x" }))).toBe(false);
    expect(sameOrigin(req({}))).toBe(false);
    expect(csrfTokenValid("abc", "abc")).toBe(true);
    expect(csrfTokenValid("abc", "abd")).toBe(false);
    expect(csrfTokenValid("abc", "")).toBe(false);
    expect(csrfTokenValid(undefined, "abc")).toBe(false);
  });
});

describe("sign-up", () => {
  it("creates a Basic account and its user, logs in with a __Host- session cookie", async () => {
    const browser = new Browser();
    const email = newEmail();
    const res = await browser.post("/signup", { email: ` ${email.toUpperCase()} `, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-cc_session="))!;
    const session = parseSetCookie(cookie);
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.attributes).toEqual(
      new Set(["Path=/", "Max-Age=604800", "HttpOnly", "Secure", "SameSite=Lax"]),
    );

    const user = await env.DB.prepare("SELECT * FROM users WHERE email = ?").bind(email).first<{
      account_id: string;
      password_hash: string;
    }>();
    expect(user?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    const account = await env.DB.prepare("SELECT plan, email FROM accounts WHERE id = ?")
      .bind(user!.account_id)
      .first<{ plan: string; email: string }>();
    expect(account).toEqual({ plan: "basic", email });
    // Only the token's hash is stored.
    const token = session.value;
    const stored = await env.DB.prepare(
      "SELECT id, expires_at - created_at AS ttl FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)",
    )
      .bind(email)
      .first<{ id: string; ttl: number }>();
    expect(stored?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.id).not.toContain(token);
    expect(stored?.ttl).toBe(7 * 24 * 3600 * 1000);

    const dash = await browser.get("/dashboard");
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain(email);
  });

  it("over plain http (local development) names the cookie without __Host-, still Secure and HttpOnly", async () => {
    const browser = new Browser("http://127.0.0.1:8787");
    const res = await browser.post("/signup", { email: newEmail(), password: PASSWORD });
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie().map(parseSetCookie);
    const session = cookies.find((c) => c.name === "cc_session")!;
    expect(session.attributes).toEqual(
      new Set(["Path=/", "Max-Age=604800", "HttpOnly", "Secure", "SameSite=Lax"]),
    );
    expect(cookies.some((c) => c.name.startsWith("__Host-"))).toBe(false);
    expect((await browser.get("/dashboard")).status).toBe(200);
  });

  it("explains a bad email, a short password and a taken email", async () => {
    const browser = new Browser();
    const bad = await browser.post("/signup", { email: "not-an-email", password: "short" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Enter a valid email address.");
    expect(html).toContain("The password must be at least 10 characters long.");
    expect(html).toContain('value="not-an-email"'); // the form keeps what was typed

    const { email } = await signedUp();
    const dup = await new Browser().post("/signup", { email, password: PASSWORD });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("An account with this email already exists.");
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM accounts WHERE email = ?")
      .bind(email)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("sends signed-in users from /signup and /login to the dashboard", async () => {
    const { browser } = await signedUp();
    for (const path of ["/signup", "/login"]) {
      const res = await browser.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/dashboard");
    }
  });
});

describe("login and logout", () => {
  it("logs in, returns to the page asked for, and logs out", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const gate = await browser.get("/dashboard/keys");
    expect(gate.status).toBe(302);
    expect(gate.headers.get("location")).toBe("/login?next=%2Fdashboard%2Fkeys");

    const login = await browser.post(
      "/login",
      { email, password: PASSWORD, next: "/dashboard/keys" },
      { from: "/login?next=%2Fdashboard%2Fkeys" },
    );
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/dashboard/keys");
    expect((await browser.get("/dashboard/keys")).status).toBe(200);

    const logout = await browser.post("/logout", {}, { from: "/dashboard" });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("location")).toBe("/login");
    const cleared = parseSetCookie(logout.headers.get("set-cookie")!);
    expect(cleared).toMatchObject({ name: "__Host-cc_session", value: "" });
    expect(cleared.attributes).toContain("Max-Age=0");
    expect(cleared.attributes).toContain("Path=/");
    expect((await browser.get("/dashboard")).status).toBe(302);
  });

  it("never redirects to another site after login", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const res = await browser.post(
      "/login",
      { email, password: PASSWORD, next: "//evil.example/x" },
      { from: "/login" },
    );
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("gives the same message for a wrong password and an unknown email", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const wrong = await browser.post("/login", { email, password: "wrong password!" });
    const unknown = await browser.post("/login", { email: newEmail(), password: "wrong password!" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain("Wrong email or password.");
    expect(b).toContain("Wrong email or password.");
    expect(wrong.headers.get("set-cookie") ?? "").not.toContain("cc_session=");
  });

  it("asks for both fields", async () => {
    const res = await new Browser().post("/login", { email: "", password: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter your email and password.");
  });

  it("redirects an expired session to /login and clears its cookie", async () => {
    const { browser, email } = await signedUp();
    await env.DB.prepare(
      "UPDATE sessions SET expires_at = 1 WHERE user_id = (SELECT id FROM users WHERE email = ?)",
    )
      .bind(email)
      .run();
    const res = await browser.get("/dashboard/billing");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fdashboard%2Fbilling&expired=1");
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-cc_session=; .*Max-Age=0/);
    const login = await browser.get("/login?next=%2Fdashboard%2Fbilling&expired=1");
    expect(await login.text()).toContain("Your session has expired. Please log in again.");
    // A form posted with the expired session goes to /login too, and changes nothing.
    const { browser: other, email: otherEmail } = await signedUp();
    const page = await other.page("/dashboard/keys");
    await env.DB.prepare(
      "UPDATE sessions SET expires_at = 1 WHERE user_id = (SELECT id FROM users WHERE email = ?)",
    )
      .bind(otherEmail)
      .run();
    const post = await other.post("/dashboard/keys", { name: "late" }, { csrf: csrfIn(page) });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toBe("/login?expired=1");
  });
});

describe("login throttle", () => {
  it(`blocks an IP after ${LOGIN_FAILURES_PER_MINUTE} failures a minute, even with the right password`, async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const csrf = csrfIn(await browser.page("/login"));
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) {
      const res = await browser.post(
        "/login",
        { email: `${i}-${newEmail()}`, password: "wrong password!" },
        { csrf },
      );
      expect(res.status).toBe(401);
    }
    const blocked = await browser.post("/login", { email, password: PASSWORD }, { csrf });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/Too many failed attempts. Try again in \d+ seconds./);
    // Another address is not affected.
    expect((await new Browser().post("/login", { email, password: PASSWORD })).status).toBe(303);
  });

  it("after failures from many addresses, refuses those addresses but not the owner's", async () => {
    const { email } = await signedUp();
    const attackers = Array.from({ length: LOGIN_FAILURES_PER_MINUTE }, () => new Browser());
    for (const attacker of attackers) {
      const res = await attacker.post("/login", { email, password: "wrong password!" });
      expect(res.status).toBe(401);
    }
    expect((await attackers[0]!.post("/login", { email, password: PASSWORD })).status).toBe(429);
    expect((await new Browser().post("/login", { email, password: PASSWORD })).status).toBe(303);
  });
});
