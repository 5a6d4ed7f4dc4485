/**
 * Request rules that depend on the Claude model generation (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking;
 * docs/wire-formats.md, "OpenAI Chat → Claude"):
 * which sampling values a model accepts and which thinking modes it knows.
 */

/** A Claude model's generation, e.g. 4.7 for `claude-opus-4-7`. */
export interface ClaudeVersion {
  major: number;
  minor: number;
}

// The first number after `claude-` (optionally after a family word) is the major version; a
// following 1–2 digit number is the minor one. A date suffix (`-20250514`) is not a minor.
// Matches claude-opus-4-7, claude-sonnet-4-5-20250929, claude-opus-5, claude-3-7-sonnet-…,
// and provider-prefixed ids such as `anthropic.claude-opus-4-7-v1:0`.
const VERSION = /claude-(?:[a-z]+-)?(\d+)(?:-(\d{1,2}))?(?![\d])/;

/** The generation named by a model id, or undefined for a name we cannot read (an alias). */
export function claudeVersion(model: string): ClaudeVersion | undefined {
  const m = VERSION.exec(model);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) };
}

const atLeast = (v: ClaudeVersion | undefined, major: number, minor: number): boolean =>
  // An unreadable name is taken to be a current model: dropping a sampling value is harmless,
  // while sending one a current model rejects is a 400.
  v === undefined || v.major > major || (v.major === major && v.minor >= minor);

/**
 * Models released after Claude Opus 4.6 reject temperature ≠ 1, top_p < 0.99 and any top_k
 * with a 400 (SDK @deprecated notes on `temperature`, `top_p`, `top_k`).
 */
export const restrictsSampling = (model: string): boolean => atLeast(claudeVersion(model), 4, 7);

/** Adaptive thinking (`thinking.type: "adaptive"` + `output_config.effort`) exists from 4.6. */
export const supportsAdaptiveThinking = (model: string): boolean => atLeast(claudeVersion(model), 4, 6);

/** `thinking.type: "enabled"` (a token budget) is rejected from 4.7 on. */
export const rejectsBudgetThinking = (model: string): boolean => atLeast(claudeVersion(model), 4, 7);

/** Sampling values a model accepts, given whether thinking is on. */
export interface Sampling {
  temperature?: number;
  topP?: number;
}

/**
 * Keep only the sampling values the model accepts, dropping (not clamping to) the others so
 * the model's default applies. OpenAI's temperature range is 0–2, Anthropic's 0–1: clamp first.
 * With thinking on, temperature must be 1 and top_p at least 0.95 (extended-thinking
 * "feature compatibility"); after Opus 4.6, temperature must be 1 and top_p at least 0.99.
 */
export function allowedSampling(model: string, thinking: boolean, requested: Sampling): Sampling {
  let temperature =
    requested.temperature === undefined ? undefined : Math.min(1, Math.max(0, requested.temperature));
  let topP = requested.topP;
  const restricted = restrictsSampling(model);
  if ((thinking || restricted) && temperature !== 1) temperature = undefined;
  const minTopP = restricted ? 0.99 : thinking ? 0.95 : 0;
  if (topP !== undefined && topP < minTopP) topP = undefined;
  const out: Sampling = {};
  if (temperature !== undefined) out.temperature = temperature;
  if (topP !== undefined) out.topP = topP;
  return out;
}
