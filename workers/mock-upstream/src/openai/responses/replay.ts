import oRespText from "../../../../../fixtures/recorded/o-resp-text.sse";

/** The recorded OpenAI Responses streams in /fixtures/recorded, by id (see its README). */
export const RESPONSES_FIXTURES: Record<string, string> = {
  "o-resp-text": oRespText,
};

/** For a non-streaming replay: the response of the fixture's terminal event. */
export function foldResponsesFixture(text: string): unknown {
  let response: unknown = null;
  for (const line of text.split("\n")) {
    if (!line.startsWith("data: ")) continue;
    const event: unknown = JSON.parse(line.slice(6));
    if (typeof event === "object" && event !== null && "response" in event) response = event.response;
  }
  return response;
}
