import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LOGIN_FAILURES_PER_MINUTE, SIGNUPS_PER_HOUR } from "../src/dashboard/auth/throttle.ts";
import { clientNetwork, ipv6Prefix64 } from "../src/proxy/client-ip.ts";
import { AUTH_FAILURES_PER_MINUTE } from "../src/throttle/auth-throttle.ts";
import { Browser, csrfIn, newEmail, PASSWORD, signedUp } from "./dashboard.helpers.ts";
import { callMessages, newAccountWithKey } from "./helpers.ts";

/** A browser at a chosen client address. */
class BrowserAt extends Browser {
  override readonly ip: string;
  constructor(ip: string) {
    super();
    this.ip = ip;
  }
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

const unknownKey = (i: number) => `sk-cc-${String(i).padStart(43, "Z")}`;
const fromIp = (ip: string) => ({ "cf-connecting-ip": ip });

describe("client networks", () => {
  it("groups IPv6 by /64, keeps IPv4 whole, and maps ::ffff:a.b.c.d to its IPv4", () => {
    expect(ipv6Prefix64("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(ipv6Prefix64("2001:0DB8:0001:0002::ffff")).toBe("2001:db8:1:2::/64");
    expect(ipv6Prefix64("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipv6Prefix64("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(ipv6Prefix64("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
    expect(ipv6Prefix64("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(ipv6Prefix64("0:0:0:0:0:ffff:192.0.2.1")).toBe("192.0.2.1");
    for (const bad of ["1:2:3", "1::2::3", "1:2:3:4:5:6:7:8:9", "g::1", "::ffff:1.2.3.999", ":1::"]) {
      expect([bad, ipv6Prefix64(bad)]).toEqual([bad, undefined]);
    }
    const network = (ip: string) => clientNetwork(new Headers(fromIp(ip)));
    expect(network("198.51.100.7")).toBe("198.51.100.7");
    expect(network("2001:db8:1:2::7")).toBe(network("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(network("2001:db8:1:2::7")).not.toBe(network("2001:db8:1:3::7"));
    expect(clientNetwork(new Headers())).toBe("unknown");
  });
});

describe("failed-key throttle: counted before the lookup", () => {
  it(`100 concurrent unknown keys from one network: ${AUTH_FAILURES_PER_MINUTE} × 401, the rest 429`, async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        callMessages({ key: unknownKey(i), headers: fromIp("192.0.2.10") }),
      ),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 401: AUTH_FAILURES_PER_MINUTE, 429: 80 });
    const limited = responses.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });

  it("a real key seen for the first time is counted, then forgiven", async () => {
    const headers = fromIp("192.0.2.11");
    const fresh = await Promise.all([newAccountWithKey(), newAccountWithKey(), newAccountWithKey()]);
    const misses = await Promise.all(
      Array.from({ length: AUTH_FAILURES_PER_MINUTE - 1 }, (_, i) =>
        callMessages({ key: unknownKey(i), headers }),
      ),
    );
    expect(misses.every((r) => r.status === 401)).toBe(true);
    // One slot left: each real key takes it while it is looked up, and gives it back.
    for (const k of fresh) expect((await callMessages({ key: k.key, headers })).status).toBe(200);
    expect((await callMessages({ key: unknownKey(99), headers })).status).toBe(401);
    expect((await callMessages({ key: unknownKey(98), headers })).status).toBe(429);
  });

  it("a burst on a key no isolate has cached yet counts once: all of it is served", async () => {
    const fresh = await newAccountWithKey();
    const headers = fromIp("192.0.2.13");
    const burst = await Promise.all(
      Array.from({ length: 60 }, () => callMessages({ key: fresh.key, headers })),
    );
    expect(tally(burst.map((r) => r.status))).toEqual({ 200: 60 });
  });

  it("a wrong key counts again each time it is repeated", async () => {
    const headers = fromIp("192.0.2.14");
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
      expect((await callMessages({ key: unknownKey(7), headers })).status).toBe(401);
    }
    expect((await callMessages({ key: unknownKey(7), headers })).status).toBe(429);
  });

  it("a key this isolate already knows skips the throttle, even from a blocked network", async () => {
    const owner = await newAccountWithKey();
    const headers = fromIp("192.0.2.12");
    expect((await callMessages({ key: owner.key, headers })).status).toBe(200);
    await Promise.all(
      Array.from({ length: AUTH_FAILURES_PER_MINUTE }, (_, i) =>
        callMessages({ key: unknownKey(i), headers }),
      ),
    );
    const stranger = await newAccountWithKey();
    expect((await callMessages({ key: stranger.key, headers })).status).toBe(429);
    expect((await callMessages({ key: owner.key, headers })).status).toBe(200);
  });

  it("an IPv6 client is one network per /64: rotating addresses inside it does not help", async () => {
    const failures = await Promise.all(
      Array.from({ length: AUTH_FAILURES_PER_MINUTE }, (_, i) =>
        callMessages({ key: unknownKey(i), headers: fromIp(`2001:db8:aa:1::${(i + 1).toString(16)}`) }),
      ),
    );
    expect(failures.every((r) => r.status === 401)).toBe(true);
    const rotated = await callMessages({ key: unknownKey(50), headers: fromIp("2001:db8:aa:1:ffff::9") });
    expect(rotated.status).toBe(429);
    const neighbour = await callMessages({ key: unknownKey(51), headers: fromIp("2001:db8:aa:2::1") });
    expect(neighbour.status).toBe(401);
  });
});

describe("login throttle: by network and by account, counted before the password is checked", () => {
  /** `count` concurrent logins to `email`, the i-th from `ipOf(i)`, with `password`. */
  async function logins(
    email: string,
    count: number,
    ipOf: (i: number) => string,
    password = "wrong password!",
  ) {
    const browsers = Array.from({ length: count }, (_, i) => new BrowserAt(ipOf(i)));
    const csrf = csrfIn(await browsers[0]!.page("/login"));
    // Every browser shares the first one's login-CSRF cookie, as tabs of one browser would.
    for (const b of browsers) for (const [k, v] of browsers[0]!.cookies) b.cookies.set(k, v);
    const responses = await Promise.all(browsers.map((b) => b.post("/login", { email, password }, { csrf })));
    return responses.map((r) => r.status);
  }

  it(`64 concurrent wrong passwords from one network: ${LOGIN_FAILURES_PER_MINUTE} are checked, 44 refused`, async () => {
    const { email } = await signedUp();
    const statuses = await logins(email, 64, () => "203.0.113.1");
    expect(tally(statuses)).toEqual({ 401: LOGIN_FAILURES_PER_MINUTE, 429: 64 - LOGIN_FAILURES_PER_MINUTE });
    // The attacker's network is refused even the right password; the owner elsewhere gets in.
    expect((await new BrowserAt("203.0.113.1").post("/login", { email, password: PASSWORD })).status).toBe(
      429,
    );
    expect((await new BrowserAt("203.0.113.2").post("/login", { email, password: PASSWORD })).status).toBe(
      303,
    );
  });

  it("64 concurrent wrong passwords from 4 networks: the account counter holds across networks", async () => {
    const { email } = await signedUp();
    const statuses = tally(await logins(email, 64, (i) => `203.0.113.${10 + (i % 4)}`));
    // At most one attempt per network gets past the account's limit (a network with no failure
    // there yet is let through once); everything else is refused before PBKDF2 runs.
    expect(statuses[401]).toBeGreaterThanOrEqual(LOGIN_FAILURES_PER_MINUTE);
    expect(statuses[401]).toBeLessThanOrEqual(LOGIN_FAILURES_PER_MINUTE + 4);
    expect(statuses[429]).toBe(64 - statuses[401]!);
  });

  it("20 failures from 20 networks do not lock the owner out, and each of those networks stays refused", async () => {
    const { email } = await signedUp();
    const attackers = (i: number) => `203.0.113.${100 + i}`;
    const statuses = await logins(email, LOGIN_FAILURES_PER_MINUTE, attackers);
    expect(statuses.every((s) => s === 401)).toBe(true);
    // The owner, from a network that has not failed: in.
    expect((await new BrowserAt("198.18.0.1").post("/login", { email, password: PASSWORD })).status).toBe(
      303,
    );
    // Every attacking network, even with the right password: refused.
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i += 7) {
      const res = await new BrowserAt(attackers(i)).post("/login", { email, password: PASSWORD });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // A new stranger gets one guess, then is refused too.
    const stranger = new BrowserAt("198.18.0.2");
    const csrf = csrfIn(await stranger.page("/login"));
    expect((await stranger.post("/login", { email, password: "wrong password!" }, { csrf })).status).toBe(
      401,
    );
    expect((await stranger.post("/login", { email, password: PASSWORD }, { csrf })).status).toBe(429);
  });

  it("a correct password forgives its own attempt: the owner's logins never add up", async () => {
    const { email } = await signedUp();
    const owner = new BrowserAt("198.18.0.3");
    const csrf = csrfIn(await owner.page("/login"));
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE + 5; i++) {
      expect((await owner.post("/login", { email, password: PASSWORD }, { csrf })).status).toBe(303);
    }
  });
});

describe("sign-up throttle: per network", () => {
  it(`${SIGNUPS_PER_HOUR} sign-ups an hour from one network, counted before the account is created`, async () => {
    const ip = "192.0.2.77";
    const browsers = Array.from({ length: SIGNUPS_PER_HOUR + 5 }, () => new BrowserAt(ip));
    const csrf = csrfIn(await browsers[0]!.page("/signup"));
    for (const b of browsers) for (const [k, v] of browsers[0]!.cookies) b.cookies.set(k, v);
    const emails = browsers.map(() => newEmail());
    const responses = await Promise.all(
      browsers.map((b, i) => b.post("/signup", { email: emails[i]!, password: PASSWORD }, { csrf })),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 303: SIGNUPS_PER_HOUR, 429: 5 });
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many sign-ups from this address. Try again in \d+ minutes./);
    const created = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM users WHERE email IN (${emails.map(() => "?").join(",")})`,
    )
      .bind(...emails)
      .first<{ n: number }>();
    expect(created?.n).toBe(SIGNUPS_PER_HOUR);
    // Another network is not affected.
    expect(
      (await new BrowserAt("192.0.2.78").post("/signup", { email: newEmail(), password: PASSWORD })).status,
    ).toBe(303);
  });
});
