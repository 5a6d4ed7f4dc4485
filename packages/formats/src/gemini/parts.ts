/**
 * What Gemini parts and the IR's parts have to say to each other beyond their fields: where
 * reasoning travels, and Gemini's own schema dialect.
 *
 * Reasoning. Gemini returns its reasoning as an opaque `thoughtSignature` on a part (the first
 * function call of a step, or a text part), which must come back on that part in the next turn
 * (https://ai.google.dev/gemini-api/docs/thought-signatures). In the IR it is a thinking part
 * whose signature is a gateway token (`{gemini: {signature}}`, reasoning-token.ts) placed next to
 * the part it was on. The other way, a Gemini client carries Claude's thinking (text and
 * signature), redacted thinking or GPT's reasoning as a token in the `thoughtSignature` of the
 * part that follows it; it gets the token back unchanged and we restore the original.
 */
import type { OutputPart } from "../ir/content.ts";
import {
  decodeReasoningToken,
  encodeReasoningToken,
  isGatewayReasoningToken,
} from "../openai-responses/reasoning-token.ts";
import type { GeminiPartOut } from "./types.ts";

/** A Gemini thought signature as the signature of the IR's thinking part. */
export const geminiToken = (signature: string): string =>
  encodeReasoningToken({ v: 1, gemini: { signature } });

/** The Gemini signature a thinking part carries back, if it came from Gemini. */
export function geminiSignatureOf(part: {
  type: string;
  signature?: string;
  data?: string;
}): string | undefined {
  if (part.type !== "thinking" || !part.signature) return undefined;
  const read = decodeReasoningToken(part.signature);
  return read.kind === "token" && "gemini" in read.token ? read.token.gemini.signature : undefined;
}

/** The `thoughtSignature` that carries another vendor's reasoning part to a Gemini client. */
export function carrierOf(part: OutputPart): string | undefined {
  if (part.type === "redacted_thinking") return encodeReasoningToken({ v: 1, redacted: part.data });
  if (part.type !== "thinking" || part.signature === "") return undefined;
  // GPT's reasoning is already a token; Claude's signature goes in one with its text.
  if (isGatewayReasoningToken(part.signature)) return part.signature;
  return encodeReasoningToken({ v: 1, thinking: part.text, signature: part.signature });
}

/**
 * Writes IR output parts as Gemini parts, in order: text as text, thinking text as thought
 * parts (when the client asked to see thoughts), calls as function calls. A reasoning part's
 * carrier rides on the next part written, or on an empty text part when none follows
 * ({@link flush}); a part holds one signature, so a second carrier waiting gets its own.
 */
export class GeminiPartsWriter {
  private pending: string[] = [];

  constructor(private readonly includeThoughts: boolean) {}

  /** The Gemini parts of one IR part (possibly none). */
  write(part: OutputPart): GeminiPartOut[] {
    switch (part.type) {
      case "thinking":
      case "redacted_thinking": {
        const carrier = carrierOf(part);
        if (carrier) this.pending.push(carrier);
        if (part.type === "thinking" && part.text !== "" && this.includeThoughts)
          return this.emit({ text: part.text, thought: true }, false);
        return [];
      }
      case "text":
        return part.text === "" ? [] : this.emit({ text: part.text });
      case "tool_call":
        return this.emit({ functionCall: { id: part.id, name: part.name, args: part.input } });
    }
  }

  /** Thought text as it streams: never carries a signature (the part it is for comes after). */
  thought(text: string): GeminiPartOut[] {
    return text !== "" && this.includeThoughts ? [{ text, thought: true }] : [];
  }

  /** A carrier that arrived on its own (a streamed signature): it waits for the next part. */
  carry(signature: string): void {
    this.pending.push(signature);
  }

  /** Parts for carriers still waiting at the end of the answer. */
  flush(): GeminiPartOut[] {
    const out = this.pending.map((thoughtSignature) => ({ text: "", thoughtSignature }));
    this.pending = [];
    return out;
  }

  private emit(part: GeminiPartOut, carry = true): GeminiPartOut[] {
    if (!carry || this.pending.length === 0) return [part];
    const last = this.pending.pop() as string;
    const extra = this.flush();
    return [...extra, { ...part, thoughtSignature: last }];
  }
}

const TYPES: ReadonlySet<string> = new Set([
  "STRING",
  "NUMBER",
  "INTEGER",
  "BOOLEAN",
  "ARRAY",
  "OBJECT",
  "NULL",
]);

/**
 * A Gemini `Schema` (an OpenAPI 3.0 subset with upper-case types, `nullable`, `propertyOrdering`;
 * https://ai.google.dev/api/caching#Schema) as the JSON Schema other vendors read. A schema
 * already in JSON Schema passes unchanged but for the type names.
 */
export function jsonSchemaOf(schema: unknown, depth = 0): unknown {
  if (depth > 64 || typeof schema !== "object" || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((s) => jsonSchemaOf(s, depth + 1));
  const out: Record<string, unknown> = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema)) {
    if (key === "propertyOrdering") continue;
    if (key === "nullable") nullable = value === true;
    else if (key === "type" && typeof value === "string" && TYPES.has(value.toUpperCase()))
      out.type = value.toLowerCase();
    else if (key === "properties" && typeof value === "object" && value !== null)
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, jsonSchemaOf(s, depth + 1)]),
      );
    else if (key === "items" || key === "anyOf") out[key] = jsonSchemaOf(value, depth + 1);
    else out[key] = value;
  }
  if (nullable && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}
