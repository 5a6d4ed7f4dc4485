import { GatewayError } from "@cc/formats";
import { fromBase64Url, sha256Hex, toBase64Url } from "@cc/web-crypto";

/**
 * Channel credentials at rest: AES-256-GCM (NIST SP 800-38D) under a key derived with HKDF-SHA256
 * (RFC 5869) from the CHANNEL_CREDENTIALS_KEY secret. Stored as `v1.<key id>.<iv>.<ciphertext>`
 * (base64url), with the channel's id as additional data, so a ciphertext copied onto another
 * channel's row does not decrypt. The key id names the secret that encrypted a row, so that
 * CHANNEL_CREDENTIALS_KEY_PREVIOUS can still read rows written before a rotation (README:
 * "Rotating keys") until `pnpm admin channels reencrypt` rewrites them.
 */

/** The secrets a deployment may hold; only a credential stored in D1 needs one. */
export interface CredentialSecrets {
  CHANNEL_CREDENTIALS_KEY?: string;
  CHANNEL_CREDENTIALS_KEY_PREVIOUS?: string;
}

/** Shorter secrets are refused: 32 characters is `openssl rand -hex 16`, 128 bits. */
export const MIN_SECRET_LENGTH = 32;
const INFO = new TextEncoder().encode("cc-gateway channel credentials v1");

interface SealingKey {
  id: string;
  key: CryptoKey;
}

const derived = new Map<string, Promise<SealingKey>>();

function sealingKey(secret: string): Promise<SealingKey> {
  let key = derived.get(secret);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, [
        "deriveKey",
      ]);
      const aes = await crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: INFO },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
      // A name for the secret, not a secret: 8 hex digits of a hash under a distinct label.
      return { id: (await sha256Hex(`cc-gateway key id:${secret}`)).slice(0, 8), key: aes };
    })();
    derived.set(secret, key);
  }
  return key;
}

const usable = (secret: string | undefined): secret is string =>
  typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH;

/** Why stored credentials cannot be written here, or undefined when they can. */
export function sealingProblem(secrets: CredentialSecrets): string | undefined {
  const secret = secrets.CHANNEL_CREDENTIALS_KEY;
  if (!secret)
    return "CHANNEL_CREDENTIALS_KEY is not set: a channel's credential is stored encrypted under it (README: Channels)";
  if (!usable(secret)) return `CHANNEL_CREDENTIALS_KEY must be at least ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

/** Encrypts a credential for the channel `channelId`. */
export async function sealCredential(
  secrets: CredentialSecrets,
  channelId: string,
  credential: string,
): Promise<string> {
  const problem = sealingProblem(secrets);
  if (problem) throw new GatewayError("internal", problem);
  const { id, key } = await sealingKey(secrets.CHANNEL_CREDENTIALS_KEY!);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(channelId) },
    key,
    new TextEncoder().encode(credential),
  );
  return `v1.${id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The id of the secret a stored credential was sealed under, or undefined for a malformed one. */
export const sealedKeyId = (sealed: string): string | undefined => /^v1\.([0-9a-f]{8})\./.exec(sealed)?.[1];

/** The id of the current secret (what `reencrypt` moves every row to), or undefined when unset. */
export async function currentKeyId(secrets: CredentialSecrets): Promise<string | undefined> {
  return usable(secrets.CHANNEL_CREDENTIALS_KEY)
    ? (await sealingKey(secrets.CHANNEL_CREDENTIALS_KEY)).id
    : undefined;
}

/**
 * Decrypts a stored credential with whichever configured secret sealed it; undefined when none
 * can (no secret, a rotated-away secret, a tampered or misplaced ciphertext). Never throws, and
 * never says more than that: the caller logs the channel, not the material.
 */
export async function openCredential(
  secrets: CredentialSecrets,
  channelId: string,
  sealed: string,
): Promise<string | undefined> {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return undefined;
  const iv = fromBase64Url(parts[2]!);
  const data = fromBase64Url(parts[3]!);
  if (!iv || !data) return undefined;
  for (const secret of [secrets.CHANNEL_CREDENTIALS_KEY, secrets.CHANNEL_CREDENTIALS_KEY_PREVIOUS]) {
    if (!usable(secret)) continue;
    const { id, key } = await sealingKey(secret);
    if (id !== parts[1]) continue;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(channelId) },
        key,
        data,
      );
      return new TextDecoder().decode(plain);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Vendor prefixes that say which kind of key it is and nothing of the key itself. */
const KNOWN_PREFIXES = ["sk-ant-admin01-", "sk-ant-api03-", "sk-ant-", "sk-proj-", "sk-svcacct-", "sk-"];

/**
 * What operators see of a credential: its vendor prefix and last 4 characters (`sk-ant-…abcd`);
 * a short credential shows nothing but the ellipsis.
 */
export function credentialHint(credential: string): string {
  const prefix = KNOWN_PREFIXES.find((p) => credential.startsWith(p)) ?? "";
  const rest = credential.slice(prefix.length);
  return rest.length >= 16 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
