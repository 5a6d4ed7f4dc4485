/**
 * Secrets the gateway reads only when a feature needs them, so wrangler.toml does not require
 * them: a deployment that stores no channel credential needs no CHANNEL_CREDENTIALS_KEY (README:
 * Channels). `wrangler types` types the required ones only; these are declared here.
 */
export const OPTIONAL_SECRETS = ["CHANNEL_CREDENTIALS_KEY", "CHANNEL_CREDENTIALS_KEY_PREVIOUS"] as const;

interface OptionalSecrets {
  /**
   * The Gemini API key of the implicit env-gemini channel, optional so that a deployment without
   * Gemini still deploys: until it is set, Gemini models answer 502 (no length rule: a vendor key).
   */
  GEMINI_UPSTREAM_KEY?: string;
  /** Encrypts stored channel credentials (AES-GCM); at least 32 characters. */
  CHANNEL_CREDENTIALS_KEY?: string;
  /** The key before a rotation, read until `pnpm admin channels reencrypt` has run. */
  CHANNEL_CREDENTIALS_KEY_PREVIOUS?: string;
  /** The production mailer's API key (Resend, src/mail/resend.ts); with MAIL_FROM. */
  RESEND_API_KEY?: string;
}

declare global {
  interface Env extends OptionalSecrets {}
  namespace Cloudflare {
    interface Env extends OptionalSecrets {}
  }
}
