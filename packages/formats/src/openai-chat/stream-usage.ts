/**
 * The usage tap of the OpenAI Chat format: follows a Chat Completions stream from an OpenAI
 * upstream (https://platform.openai.com/docs/api-reference/chat-streaming) to learn what it cost.
 */
import { z } from "zod";
import { nonStandardTier } from "../service-tier.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { StoredObject } from "../stored-objects.ts";
import type { UsageRecord } from "../usage.ts";
import { GeneratedText, type RelayedOutput, type UsageTap } from "../usage-tap.ts";
import { openAiChatUsageToRecord } from "./usage.ts";

const ChatDeltaSchema = z.looseObject({
  content: z.string().nullish(),
  // Not OpenAI's own field: OpenAI-compatible endpoints stream visible reasoning here.
  reasoning_content: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z
    .array(z.looseObject({ function: z.looseObject({ arguments: z.string().nullish() }).nullish() }))
    .nullish(),
});

/** One `data:` chunk of a Chat stream as the tap reads it (SDK `ChatCompletionChunk`, or an error frame). */
export const OpenAiChatChunkSchema = z.looseObject({
  choices: z.array(z.looseObject({ delta: ChatDeltaSchema.nullish() })).nullish(),
  usage: z.looseObject({}).nullish(),
  service_tier: z.string().nullish(),
  error: z.unknown().optional(),
});
type ChatChunk = z.infer<typeof OpenAiChatChunkSchema>;
type ChatDelta = z.infer<typeof ChatDeltaSchema>;

/**
 * A plain content chunk, `{choices: [{delta: {content: "…"}}]}` with nothing else the tap reads,
 * checked by hand with exactly the schema's rules: nearly every frame of a stream is one, and
 * zod per delta costs more than the SSE parsing (the Anthropic tap does the same).
 */
function isPlainContentChunk(json: unknown): json is ChatChunk {
  if (typeof json !== "object" || json === null) return false;
  const chunk = json as Record<string, unknown>;
  // OpenAI names the service tier on every chunk: a string is read below, as the schema's.
  if (chunk.usage != null || chunk.error !== undefined) return false;
  if (chunk.service_tier != null && typeof chunk.service_tier !== "string") return false;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return false;
  const delta = (choices[0] as { delta?: unknown } | null)?.delta as
    | Record<string, unknown>
    | null
    | undefined;
  if (typeof delta !== "object" || delta === null || Array.isArray(delta)) return false;
  return (
    (delta.content == null || typeof delta.content === "string") &&
    delta.reasoning_content == null &&
    delta.refusal == null &&
    delta.tool_calls == null
  );
}

/**
 * Follows a Chat stream: the usage chunk (which the gateway always asks an OpenAI upstream
 * for), the service tier, `[DONE]`, error frames, and the text of every delta. Never throws on
 * stream content: an unreadable frame marks the stream failed.
 */
export class OpenAiChatStreamUsage implements UsageTap {
  private usageObject: unknown;
  private serviceTier: string | undefined;
  private readonly generated = new GeneratedText();
  /** True once `data: [DONE]` arrived. */
  done = false;
  private error = false;

  get completed(): boolean {
    return this.done;
  }

  get failed(): boolean {
    return this.error;
  }

  onEvent(ev: SseEvent): void {
    this.read(ev);
  }

  /**
   * Reads one event; true when it is the usage-only chunk (`choices: []` with `usage`), which a
   * relay removes for a client that did not ask for usage.
   */
  read(ev: SseEvent): boolean {
    if (ev.data === "[DONE]") {
      this.done = true;
      return false;
    }
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch {
      this.error = true;
      return false;
    }
    let chunk: ChatChunk;
    if (isPlainContentChunk(json)) chunk = json;
    else {
      const parsed = OpenAiChatChunkSchema.safeParse(json);
      if (!parsed.success) {
        this.error = true;
        return false;
      }
      chunk = parsed.data;
    }
    if (chunk.error !== undefined) this.error = true;
    if (chunk.usage) this.usageObject = chunk.usage;
    if (chunk.service_tier) this.serviceTier = nonStandardTier(chunk.service_tier);
    for (const choice of chunk.choices ?? []) if (choice.delta) this.count(choice.delta);
    return Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage != null;
  }

  reported(): UsageRecord | undefined {
    if (this.usageObject === undefined) return undefined;
    const record = openAiChatUsageToRecord(this.usageObject);
    if (this.serviceTier !== undefined) record.serviceTier = this.serviceTier;
    return record;
  }

  relayed(): RelayedOutput {
    return this.generated.counted();
  }

  /** Chat stores nothing the gateway lets a client name later. */
  created(): StoredObject[] {
    return [];
  }

  private count(delta: ChatDelta): void {
    if (delta.content) this.generated.add(delta.content);
    if (delta.refusal) this.generated.add(delta.refusal);
    if (delta.reasoning_content) this.generated.addThinking(delta.reasoning_content);
    for (const call of delta.tool_calls ?? [])
      if (call.function?.arguments) this.generated.add(call.function.arguments);
  }
}
