import type { CacheControl, ContentPart, TextPart } from "./content.ts";

/** One conversation turn. System text is not a turn: it lives in {@link IrRequest.system}. */
export interface IrMessage {
  role: "user" | "assistant";
  content: ContentPart[];
}

/** A function tool the model may call. */
export interface IrTool {
  name: string;
  description?: string;
  /** JSON Schema of the input, kept as the client wrote it (never rebuilt from a few keys). */
  inputSchema: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
  /**
   * Set for a free-text tool (OpenAI Responses `custom`, e.g. Codex's apply_patch). Such a tool
   * takes one string, not JSON: `inputSchema` wraps it as `{input: string}` for vendors that only
   * know JSON tools, and its calls carry `{input: "<the text>"}`. `format` is the client's
   * grammar or `{type: "text"}`, as sent.
   */
  custom?: { format?: Record<string, unknown> };
}

/** Whether and which tool the model must call. */
export type IrToolChoice =
  | { type: "auto" }
  | { type: "none" }
  | { type: "required" }
  | { type: "tool"; name: string };

/** Reasoning effort in our terms; `raw` keeps the client's value (`minimal` becomes `low`). */
export type EffortValue = "low" | "medium" | "high" | "xhigh" | "max";

/** How the model should think before answering. */
export interface IrReasoning {
  /** off: no thinking; adaptive: the model decides how much; budget: a fixed token budget. */
  mode: "off" | "adaptive" | "budget";
  effort?: { value: EffortValue; raw: string };
  budgetTokens?: number;
  /** Whether thinking text is returned summarised or omitted (signatures come either way). */
  display?: "summarized" | "omitted";
}

/** Structured output: the answer must match this JSON Schema. */
export interface IrResponseFormat {
  type: "json_schema";
  name?: string;
  schema: Record<string, unknown>;
  strict?: boolean;
}

/** A generation request, independent of the wire format it arrived in. */
export interface IrRequest {
  model: string;
  system: TextPart[];
  messages: IrMessage[];
  tools: IrTool[];
  toolChoice?: IrToolChoice;
  /** false: at most one tool call per turn. Undefined: the vendor's default (parallel allowed). */
  parallelToolCalls?: boolean;
  maxOutputTokens: number;
  /** As the client sent it; each encoder applies its vendor's range and per-model rules. */
  temperature?: number;
  topP?: number;
  stopSequences: string[];
  reasoning?: IrReasoning;
  responseFormat?: IrResponseFormat;
  metadata: { userId?: string };
  stream: boolean;
  /**
   * Top-level fields of the source format that the IR does not model, kept for logs and
   * diagnostics. Encoders of other formats ignore them: a vendor field means nothing elsewhere.
   */
  extra: Record<string, unknown>;
}
