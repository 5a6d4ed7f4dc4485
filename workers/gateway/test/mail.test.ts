import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../src/index.ts";
import { mailerFor } from "../src/mail/mailer.ts";
import { passwordResetEmail } from "../src/mail/templates.ts";

describe("the mailer", () => {
  it("keeps emails in the dev outbox in development only: never in staging or under a typo", async () => {
    expect(mailerFor(env)?.name).toBe("dev-outbox");
    for (const ENVIRONMENT of ["staging", "prod"]) {
      expect(mailerFor({ ...env, ENVIRONMENT })).toBeUndefined();
      const res = await app.fetch(new Request("https://gw.test/dev/outbox.json"), { ...env, ENVIRONMENT });
      expect(res.status).toBe(404);
    }
  });

  it("sends through Resend in production, configured by RESEND_API_KEY and MAIL_FROM", async () => {
    const prod = { ...env, ENVIRONMENT: "production" };
    expect(mailerFor(prod)).toBeUndefined();
    expect(mailerFor({ ...prod, RESEND_API_KEY: "re_x" })).toBeUndefined();
    const sent: Request[] = [];
    const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return new Response('{"id":"m_1"}', { status: 200 });
    }) as typeof fetch;
    const mailer = mailerFor(
      { ...prod, RESEND_API_KEY: "re_secret", MAIL_FROM: "cc <no-reply@example.com>" },
      fetchStub,
    )!;
    expect(mailer.name).toBe("resend");
    const email = passwordResetEmail("a@example.com", "https://gw.example.com/reset-password?token=abc");
    await mailer.send(email);
    expect(sent[0]!.url).toBe("https://api.resend.com/emails");
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer re_secret");
    expect(await sent[0]!.json()).toEqual({
      from: "cc <no-reply@example.com>",
      to: ["a@example.com"],
      subject: "Reset your password",
      text: email.text,
      html: email.html,
    });
    const refusing = mailerFor(
      { ...prod, RESEND_API_KEY: "re_secret", MAIL_FROM: "x@example.com" },
      (async () => new Response("{}", { status: 422 })) as typeof fetch,
    )!;
    await expect(refusing.send(email)).rejects.toThrow("Resend answered 422");
  });

  it("writes every template in plain text and HTML, the link in both, escaped in HTML", () => {
    const email = passwordResetEmail("a@example.com", "https://gw.example.com/reset-password?token=a&b=<c>");
    expect(email.text).toContain("https://gw.example.com/reset-password?token=a&b=<c>");
    expect(email.html).toContain('href="https://gw.example.com/reset-password?token=a&amp;b=&lt;c&gt;"');
    expect(email.html).not.toContain("<c>");
  });
});
