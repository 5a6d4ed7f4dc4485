/** How customers reach the operator, from the SUPPORT_CONTACT variable. */
export interface SupportContact {
  /** What the page shows: the address or URL as configured. */
  label: string;
  /** A link for it: mailto: for an e-mail address, the URL itself for http(s) and mailto: URLs. */
  href?: string;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * Reads the operator's SUPPORT_CONTACT: an e-mail address (`support@example.com`), a web address
 * (`https://t.me/yourbot`, `https://example.com/help`) or a `mailto:` URL; anything else is shown
 * as plain text (a phone number, a handle). Empty or unset: no contact is shown.
 */
export function supportContact(raw: string | undefined): SupportContact | undefined {
  const value = raw?.trim() ?? "";
  if (value === "") return undefined;
  if (EMAIL.test(value)) return { label: value, href: `mailto:${value}` };
  if (/^mailto:/i.test(value)) return { label: value.slice("mailto:".length), href: value };
  if (/^https?:\/\/[^\s"<>]+$/i.test(value))
    return { label: value.replace(/^https?:\/\//i, ""), href: value };
  return { label: value };
}
