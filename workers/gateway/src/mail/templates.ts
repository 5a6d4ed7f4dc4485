import type { Email } from "./mailer.ts";

/**
 * The emails the service sends, each in plain text and HTML. Links are absolute (the origin the
 * customer used); nothing else about the account is in them.
 */

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The HTML body: one paragraph per line of text, links as buttons, no remote content. */
function html(paragraphs: string[], link?: { href: string; label: string }): string {
  const p = (t: string) => `<p style="margin:0 0 14px">${escapeHtml(t)}</p>`;
  const button = link
    ? `<p style="margin:0 0 14px"><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 18px;background:#0969da;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p><p style="margin:0 0 14px;color:#656d76;font-size:13px">Or paste this address into your browser: ${escapeHtml(link.href)}</p>`
    : "";
  const [first = "", ...rest] = paragraphs;
  return `<!doctype html><html><body style="font:15px/1.5 system-ui,sans-serif;color:#1f2328;max-width:560px;margin:0 auto;padding:16px">${p(first)}${button}${rest.map(p).join("")}<p style="color:#656d76;font-size:13px">cc-gateway</p></body></html>`;
}

export function verificationEmail(to: string, link: string): Email {
  const lines = [
    `Confirm that ${to} is your address to finish setting up your cc-gateway account.`,
    "The link works once, for 24 hours. Until you confirm, you can look around but not create API keys or top up.",
    "If you did not sign up, ignore this email.",
  ];
  return {
    to,
    subject: "Confirm your email address",
    text: `${lines[0]}\n\n${link}\n\n${lines.slice(1).join("\n\n")}\n`,
    html: html(lines, { href: link, label: "Confirm my address" }),
  };
}

export function passwordResetEmail(to: string, link: string): Email {
  const lines = [
    "Someone (we hope you) asked to reset the password of your cc-gateway account.",
    "The link works once, within 1 hour. Setting a new password signs out every session.",
    "If you did not ask, ignore this email: your password stays as it is.",
  ];
  return {
    to,
    subject: "Reset your password",
    text: `${lines[0]}\n\n${link}\n\n${lines.slice(1).join("\n\n")}\n`,
    html: html(lines, { href: link, label: "Choose a new password" }),
  };
}

/** To the old address when the login moves to a new one. */
export function emailChangedNotice(to: string, newEmail: string): Email {
  const lines = [
    `The login of your cc-gateway account is now ${newEmail}; this address (${to}) no longer signs in.`,
    "If you did not make this change, reply to this email or contact support at once.",
  ];
  return { to, subject: "Your login email changed", text: `${lines.join("\n\n")}\n`, html: html(lines) };
}
