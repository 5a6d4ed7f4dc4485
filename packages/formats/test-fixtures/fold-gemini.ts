/**
 * Gemini stream chunks → the GenerateContentResponse a non-streamed request would have returned,
 * the way a client accumulates them: consecutive text pieces of one kind (thought or not) joined
 * into one part, which keeps a signature any piece carried (Google signs the last piece, the
 * gateway the first); function calls as they came; the last
 * finishReason, finishMessage and usageMetadata; the first modelVersion and responseId; a blocked
 * prompt's promptFeedback. It reads the JSON directly, independent of the code under test, and
 * folds Google's streams and the gateway's alike.
 */
type Json = Record<string, unknown>;
type Part = { text?: string; thought?: boolean; thoughtSignature?: string } & Json;

export function foldGeminiChunks(chunks: readonly Json[]): Json {
  const first = chunks[0];
  if (!first) throw new Error("no chunks to fold");
  const parts: Part[] = [];
  const out: Json = {};
  let candidate: Json = {};
  for (const chunk of chunks) {
    const c = ((chunk.candidates as Json[] | undefined) ?? [])[0];
    for (const p of ((c?.content as Json | undefined)?.parts as Part[] | undefined) ?? []) {
      const last = parts.at(-1);
      const joins =
        typeof p.text === "string" &&
        typeof last?.text === "string" &&
        Boolean(last.thought) === Boolean(p.thought);
      if (joins && last) {
        last.text += p.text as string;
        if (p.thoughtSignature !== undefined) last.thoughtSignature = p.thoughtSignature;
      } else if (!(p.text === "" && p.thoughtSignature === undefined)) parts.push({ ...p });
    }
    if (c?.finishReason)
      candidate = {
        finishReason: c.finishReason,
        ...(c.finishMessage ? { finishMessage: c.finishMessage } : {}),
      };
    if (chunk.usageMetadata) out.usageMetadata = chunk.usageMetadata;
    if (chunk.promptFeedback) out.promptFeedback = chunk.promptFeedback;
  }
  if (!candidate.finishReason && !out.promptFeedback) throw new Error("the chunks hold no finishReason");
  const candidates = out.promptFeedback
    ? []
    : [{ content: { role: "model", parts }, ...candidate, index: 0 }];
  return { candidates, ...out, modelVersion: first.modelVersion, responseId: first.responseId };
}

/** The `data:` payloads of a Gemini SSE body, parsed. */
export function geminiChunks(text: string): Json[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((f) => f.startsWith("data:"))
    .map((f) => JSON.parse(f.slice(5)) as Json);
}
