import { randomBase62, sha256Hex } from "@cc/web-crypto";

export const KEY_PREFIX = "sk-cc-";
/** 32 random bytes in base62 are 43 characters. */
const KEY_BODY = /^[0-9A-Za-z]{43}$/;

/** A new key: `sk-cc-` + 32 random bytes in base62. Shown once, never stored. */
export const generateApiKey = (): string => KEY_PREFIX + randomBase62(32);

export const isWellFormedKey = (key: string): boolean =>
  key.startsWith(KEY_PREFIX) && KEY_BODY.test(key.slice(KEY_PREFIX.length));

/** hex sha256 of the key: what D1 stores and what the account's Durable Object knows. */
export const hashApiKey = (key: string): Promise<string> => sha256Hex(key);

export const keyHint = (key: string): string => `${KEY_PREFIX}…${key.slice(-4)}`;

/**
 * The key a client presented: `x-api-key` (Anthropic SDK 0.x, Claude Code with
 * ANTHROPIC_API_KEY) or `Authorization: Bearer` (SDK 1.x, OpenAI SDK, Codex). Claude Code may
 * send both; a well-formed gateway key wins.
 */
export function presentedKey(headers: Headers): string | undefined {
  const xApiKey = headers.get("x-api-key")?.trim();
  const auth = headers.get("authorization");
  const bearer = auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, "").trim() : undefined;
  // Gemini clients send the key as x-goog-api-key (https://ai.google.dev/api#authentication).
  const googKey = headers.get("x-goog-api-key")?.trim();
  const candidates = [xApiKey, bearer, googKey].filter((k): k is string => !!k);
  return candidates.find(isWellFormedKey) ?? candidates[0];
}
