/**
 * The one token estimator of the project, used wherever a real tokenizer is not at hand:
 * the mock upstream's counts, the gateway's admission estimate and a hang-up's count of
 * generated deltas.
 *
 * Rule: ceil(UTF-8 bytes / 4), and at least 1 for any non-empty text. It is roughly what
 * Claude's and GPT's tokenizers give for English prose and code, and it is deterministic,
 * so tests can compute the expected counts by hand.
 */
const encoder = new TextEncoder();

export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.ceil(encoder.encode(text).byteLength / 4));
}
