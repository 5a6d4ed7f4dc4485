/** OpenAI's error object (https://platform.openai.com/docs/guides/error-codes), the body of every OpenAI-route error. */
export interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export function openAiError(
  message: string,
  type = "invalid_request_error",
  param: string | null = null,
  code: string | null = null,
): OpenAiError {
  return { message, type, param, code };
}

export function openAiErrorResponse(
  status: number,
  error: OpenAiError,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A 400 invalid_request_error, the answer to anything malformed. */
export function badRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): Response {
  return openAiErrorResponse(400, openAiError(message, "invalid_request_error", param, code));
}

export const SERVER_ERROR = openAiError(
  "The server had an error while processing your request. Sorry about that!",
  "server_error",
);
