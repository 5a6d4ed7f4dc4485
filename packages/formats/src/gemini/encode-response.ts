/**
 * IR response → Gemini `GenerateContentResponse` (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse):
 * the answer a Gemini client (Gemini CLI, the Gen AI SDKs) gets when Claude or GPT answered.
 */
import type { IrResponse } from "../ir/response.ts";
import { GeminiPartsWriter } from "./parts.ts";
import { toGeminiFinishReason } from "./stop-reasons.ts";
import type { GeminiCandidateOut, GeminiResponseOut } from "./types.ts";
import { geminiUsageMetadata } from "./usage.ts";

/** Options of the Gemini encoders. */
export interface GeminiEncodeOptions {
  /** The model name to report (the client's); the vendor's model id when absent. */
  model?: string;
  /** The client's `thinkingConfig.includeThoughts`: only then is thought text shown. */
  includeThoughts?: boolean;
}

/** The candidate's stop fields: finishReason, and a refusal's explanation as finishMessage. */
export function geminiFinish(
  stop: IrResponse["stopReason"],
  refusal: string | undefined,
): Pick<GeminiCandidateOut, "finishReason" | "finishMessage"> {
  const finishReason = toGeminiFinishReason(stop);
  return refusal !== undefined ? { finishReason, finishMessage: refusal } : { finishReason };
}

/** Encode an IR response as a whole generateContent answer. */
export function encodeGeminiResponse(res: IrResponse, options: GeminiEncodeOptions = {}): GeminiResponseOut {
  const writer = new GeminiPartsWriter(options.includeThoughts === true);
  const parts = res.content.flatMap((p) => writer.write(p));
  parts.push(...writer.flush());
  return {
    candidates: [
      {
        content: { role: "model", parts },
        ...geminiFinish(res.stopReason, res.refusal),
        index: 0,
      },
    ],
    usageMetadata: geminiUsageMetadata(res.usage),
    modelVersion: options.model ?? res.model,
    responseId: res.id,
  };
}
