import { GatewayError, renderAnthropicError, renderGeminiError, renderOpenAiChatError } from "@cc/formats";
import type { WireFormat } from "./wire-format.ts";

/** Any thrown value as a GatewayError; an unexpected one is logged and becomes a 500. */
export function asGatewayError(err: unknown, requestId: string): GatewayError {
  if (err instanceof GatewayError) return err;
  console.error(
    JSON.stringify({ level: "error", requestId, message: String(err), stack: (err as Error)?.stack }),
  );
  return new GatewayError("internal", "The gateway failed to handle this request.");
}

/** One place where errors become responses, in the caller's own wire format. */
export function renderError(err: unknown, format: WireFormat | "admin", requestId: string): Response {
  const error = asGatewayError(err, requestId);
  if (format === "admin") {
    return Response.json(
      { error: { type: error.kind, message: error.message } },
      { status: error.status, headers: { "request-id": requestId } },
    );
  }
  // OpenAI Chat and Responses share one error shape ({"error":{message,type,param,code}}).
  const rendered =
    format === "anthropic-messages"
      ? renderAnthropicError(error, requestId)
      : format === "gemini"
        ? renderGeminiError(error, requestId)
        : renderOpenAiChatError(error, requestId);
  const headers = new Headers(rendered.headers);
  headers.set("content-type", "application/json");
  headers.set("request-id", requestId);
  return new Response(JSON.stringify(rendered.body), { status: rendered.status, headers });
}
