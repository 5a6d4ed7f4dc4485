import type { Family } from "@cc/billing";
import { objectNotFound } from "@cc/formats";

type Json = Record<string, unknown>;

/** An input item of the Responses API, as the client sent it or as a response output it. */
export type Item = Json;

/** The response a connection continues from, and the whole context it stands for. */
interface Latest {
  id: string;
  /** Every item of the conversation up to and including this response's output; null when unknown. */
  items: Item[] | null;
  /** Stored at OpenAI (a GPT response with `store: true`): the vendor can continue it itself. */
  storedAtVendor: boolean;
}

/** A body ready for the pipeline, and the context it carries (null when only the vendor knows it). */
export interface Continued {
  body: Json;
  context: Item[] | null;
}

/** `input` as items: a string is one user message (https://platform.openai.com/docs/api-reference/responses/create). */
export function inputItems(input: unknown): Item[] {
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  return Array.isArray(input) ? (input as Item[]) : [];
}

/**
 * The conversation of one WebSocket connection, in its memory and nowhere else. WebSocket mode
 * lets a client continue from the previous response with `previous_response_id` and only its
 * new input items, even with `store: false` (the vendor keeps the most recent response of the
 * connection in memory: https://developers.openai.com/api/docs/guides/websocket-mode). The
 * gateway calls its upstreams over HTTP, which cannot continue an unstored response, so the
 * connection keeps the latest response's whole context and sends it again in full. Only the
 * latest response is kept, as the vendor does; nothing survives the connection.
 */
export class ConnectionConversation {
  private latest: Latest | undefined;

  /**
   * The body to send upstream for a message. Without `previous_response_id` it is the message.
   * Continuing the connection's latest response: its context plus the new items, unless the
   * vendor stored that response and serves this model (then the id goes through as is). Another
   * id goes to a GPT vendor as is (admission checks the account owns it, then the vendor looks
   * it up); any other model answers the vendor's own not-found error, as for an unknown id.
   */
  continueFrom(body: Json, family: Family): Continued {
    const input = inputItems(body.input);
    const previous = body.previous_response_id;
    if (typeof previous !== "string" || previous === "") return { body, context: input };
    const latest = this.latest;
    if (latest?.id === previous) {
      const context = latest.items && [...latest.items, ...input];
      if (family === "openai" && latest.storedAtVendor) return { body, context };
      if (context) {
        const { previous_response_id: _previous, ...rest } = body;
        return { body: { ...rest, input: context }, context };
      }
    } else if (family === "openai") {
      return { body, context: null };
    }
    throw objectNotFound({ kind: "response", id: previous, field: "previous_response_id" });
  }

  /** A response completed: it is the one the connection continues from now. */
  remember(id: string, items: Item[] | null, storedAtVendor: boolean): void {
    this.latest = { id, items, storedAtVendor };
  }
}
