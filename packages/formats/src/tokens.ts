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
  return estimateTokensFromBytes(text.length === 0 ? 0 : encoder.encode(text).byteLength);
}

/** The same rule for text already held as UTF-8 bytes (a request body): no second encoding. */
export function estimateTokensFromBytes(byteLength: number): number {
  return byteLength === 0 ? 0 : Math.max(1, Math.ceil(byteLength / 4));
}
