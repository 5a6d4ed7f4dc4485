/**
 * IR request → Gemini `generateContent` body (https://ai.google.dev/api/generate-content), for a
 * client of another format on a Gemini model: Claude Code, Codex, the OpenAI SDKs. The model
 * goes in the path (targets.ts), not the body.
 */
import { customToolDescription } from "../anthropic-messages/encode-request.ts";
import { GatewayError } from "../errors.ts";
import { effortOfBudget } from "../ir/budget-effort.ts";
import type { ContentPart } from "../ir/content.ts";
import type { EffortValue, IrMessage, IrRequest } from "../ir/request.ts";
import { ATTRIBUTION } from "../openai-responses/encode-request.ts";
import { geminiSignatureOf } from "./parts.ts";
import type {
  GeminiContentOut,
  GeminiGenerationConfigOut,
  GeminiPartOut,
  GeminiRequestBody,
  GeminiThinkingConfigOut,
} from "./types.ts";

/** Gemini takes at most this many stop sequences (https://ai.google.dev/api/generate-content#GenerationConfig). */
export const MAX_STOP_SEQUENCES = 5;

/**
 * The value Google documents for a function call whose signature was lost on the way (history
 * from another model, a client that drops reasoning): Gemini 3 refuses an unsigned call in the
 * current turn with a 400 (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

const refuse = (what: string) => new GatewayError("invalid_request", `${what} for Gemini models.`);

/** A Gemini model's generation: 3 for `gemini-3.1-pro-preview`; undefined for a name we cannot read. */
export function geminiVersion(model: string): number | undefined {
  const m = /^(?:models\/)?gemini-(\d+)/.exec(model);
  return m ? Number(m[1]) : undefined;
}

// Gemini 3 thinks at a level; 2.5 thinks within a budget (https://ai.google.dev/gemini-api/docs/thinking).
const LEVEL: Record<EffortValue, NonNullable<GeminiThinkingConfigOut["thinkingLevel"]>> = {
  low: "LOW",
  medium: "MEDIUM",
  high: "HIGH",
  xhigh: "HIGH",
  max: "HIGH",
};
const BUDGET: Record<EffortValue, number> = {
  low: 1024,
  medium: 8192,
  high: 24_576,
  xhigh: 24_576,
  max: 24_576,
};
/** The largest budget every 2.5 model takes (Flash's; Pro's is 32,768). */
const MAX_BUDGET = 24_576;

function thinkingConfig(ir: IrRequest): GeminiThinkingConfigOut | undefined {
  const r = ir.reasoning;
  if (!r) return undefined;
  const modern = (geminiVersion(ir.model) ?? 3) >= 3;
  if (r.mode === "off") {
    // Pro models and Gemini 3 always think: their least is the model's default.
    return modern || ir.model.includes("-pro") ? { includeThoughts: false } : { thinkingBudget: 0 };
  }
  const includeThoughts = r.display !== "omitted";
  const effort =
    r.effort?.value ??
    (r.mode === "budget" && r.budgetTokens !== undefined ? effortOfBudget(r.budgetTokens) : undefined);
  if (modern) return effort ? { thinkingLevel: LEVEL[effort], includeThoughts } : { includeThoughts };
  if (r.mode === "budget" && r.budgetTokens !== undefined)
    return { thinkingBudget: Math.min(MAX_BUDGET, Math.max(1024, r.budgetTokens)), includeThoughts };
  // Adaptive with no effort: Gemini's dynamic thinking (-1).
  return { thinkingBudget: effort ? BUDGET[effort] : -1, includeThoughts };
}

/** Encode an IR request as a generateContent body for `ir.model`. */
export function encodeGeminiRequest(ir: IrRequest): GeminiRequestBody {
  const generationConfig: GeminiGenerationConfigOut = { maxOutputTokens: ir.maxOutputTokens };
  if (ir.temperature !== undefined) generationConfig.temperature = Math.min(2, Math.max(0, ir.temperature));
  if (ir.topP !== undefined) generationConfig.topP = ir.topP;
  if (ir.stopSequences.length > MAX_STOP_SEQUENCES)
    throw refuse(`stop sequences: at most ${MAX_STOP_SEQUENCES} are supported`);
  if (ir.stopSequences.length > 0) generationConfig.stopSequences = ir.stopSequences;
  if (ir.responseFormat) {
    generationConfig.responseMimeType = "application/json";
    generationConfig.responseJsonSchema = ir.responseFormat.schema;
  }
  const thinking = thinkingConfig(ir);
  if (thinking) generationConfig.thinkingConfig = thinking;

  const body: GeminiRequestBody = { contents: encodeContents(ir), generationConfig };
  const system = ir.system.filter((p) => !ATTRIBUTION.test(p.text));
  if (system.length > 0) body.systemInstruction = { parts: system.map((p) => ({ text: p.text })) };
  if (ir.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: ir.tools.map((t) => {
          const description = t.custom ? customToolDescription(t) : t.description;
          return {
            name: t.name,
            ...(description !== undefined ? { description } : {}),
            parametersJsonSchema: t.inputSchema,
          };
        }),
      },
    ];
    const c = ir.toolChoice;
    if (c?.type === "auto") body.toolConfig = { functionCallingConfig: { mode: "AUTO" } };
    else if (c?.type === "none") body.toolConfig = { functionCallingConfig: { mode: "NONE" } };
    else if (c?.type === "required") body.toolConfig = { functionCallingConfig: { mode: "ANY" } };
    else if (c?.type === "tool")
      body.toolConfig = { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [c.name] } };
  }
  return body;
}

function media(p: Extract<ContentPart, { type: "image" | "document" }>): GeminiPartOut {
  if (p.source.type === "url")
    throw refuse(`${p.type} URLs are not supported: send the bytes inline (base64)`);
  return { inlineData: { mimeType: p.source.mediaType, data: p.source.data } };
}

/**
 * Every turn as a Content. Reasoning from Gemini goes back as the `thoughtSignature` of the part
 * after it (or before it, at the end of a turn); any other vendor's reasoning means nothing to
 * Gemini and is dropped. A model turn's first function call with no signature gets Google's
 * documented placeholder on Gemini 3. Tool results name their function, as Gemini requires.
 */
function encodeContents(ir: IrRequest): GeminiContentOut[] {
  const names = new Map<string, string>();
  const signCalls = (geminiVersion(ir.model) ?? 3) >= 3;
  const contents = ir.messages.map((m: IrMessage): GeminiContentOut => {
    const parts: GeminiPartOut[] = [];
    let signature: string | undefined;
    let signedCall = false;
    const add = (part: GeminiPartOut) => {
      if (signature !== undefined) {
        part.thoughtSignature = signature;
        signature = undefined;
      }
      parts.push(part);
    };
    for (const p of m.content) {
      switch (p.type) {
        case "thinking":
        case "redacted_thinking": {
          const own = geminiSignatureOf(p);
          if (own !== undefined) signature = own;
          break;
        }
        case "text":
          add({ text: p.text });
          break;
        case "image":
        case "document":
          add(media(p));
          break;
        case "tool_call": {
          names.set(p.id, p.name);
          const part: GeminiPartOut = { functionCall: { id: p.id, name: p.name, args: p.input } };
          add(part);
          if (!signedCall && signCalls && part.thoughtSignature === undefined)
            part.thoughtSignature = SKIP_SIGNATURE;
          signedCall = true;
          break;
        }
        case "tool_result": {
          const text = p.content.flatMap((c) => (c.type === "text" ? [c.text] : [])).join("\n");
          add({
            functionResponse: {
              id: p.toolCallId,
              name: names.get(p.toolCallId) ?? p.toolCallId,
              response: p.isError ? { error: text } : { output: text },
            },
          });
          for (const c of p.content) if (c.type !== "text") add(media(c));
          break;
        }
      }
    }
    // A signature with no part after it goes on the turn's last part.
    const last = parts.at(-1);
    if (signature !== undefined && last && last.thoughtSignature === undefined)
      last.thoughtSignature = signature;
    else if (signature !== undefined) parts.push({ text: "", thoughtSignature: signature });
    return { role: m.role === "assistant" ? "model" : "user", parts };
  });
  // A turn of only another vendor's reasoning has nothing for Gemini, which refuses empty turns.
  return contents.filter((c) => c.parts.length > 0);
}
