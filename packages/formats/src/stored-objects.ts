/**
 * Objects a vendor stores for later under the operator's account, addressed only by the ids
 * clients send back: stored responses and their output items, conversations, code-execution
 * containers, files, vector stores, stored prompts. The gateway records which account each one
 * it relayed belongs to, and refuses a request that names one its account does not own.
 */

import { GatewayError } from "./errors.ts";

/** The kinds of stored object a request can name. */
export type StoredObjectKind =
  | "response"
  | "item"
  | "conversation"
  | "container"
  | "file"
  | "vector_store"
  | "prompt"
  | "skill";

/** An id a request names, and the field that names it (`previous_response_id`, `tools.0.container`…). */
export interface ObjectRef {
  kind: StoredObjectKind;
  id: string;
  field: string;
}

/** An object an answer created or named, with its expiry (ms since the epoch) where the vendor states one. */
export interface StoredObject {
  kind: StoredObjectKind;
  id: string;
  expiresAt: number | null;
}

/**
 * OpenAI keeps a stored response (and its items) for 30 days
 * (https://platform.openai.com/docs/guides/conversation-state#openai-apis-for-conversation-state).
 */
export const OPENAI_RESPONSE_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** A non-empty string id, or undefined. */
export const idOf = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** Adds an object to a list once (by kind and id). */
export function addObject(list: StoredObject[], object: StoredObject): void {
  if (!list.some((o) => o.kind === object.kind && o.id === object.id)) list.push(object);
}

/**
 * The vendor's own answer for an id that does not exist, in the gateway's terms: the same
 * answer for an id of another account's, so that nothing is confirmed. OpenAI's wording for a
 * previous response (https://platform.openai.com/docs/guides/error-codes), not-found otherwise.
 */
export function objectNotFound(ref: ObjectRef): GatewayError {
  if (ref.kind === "response") {
    return new GatewayError("invalid_request", `Previous response with id '${ref.id}' not found.`, {
      param: ref.field,
      code: "previous_response_not_found",
    });
  }
  return new GatewayError("not_found", `${NAMES[ref.kind]} with id '${ref.id}' not found.`, {
    param: ref.field,
  });
}

const NAMES: Record<StoredObjectKind, string> = {
  response: "Response",
  item: "Item",
  conversation: "Conversation",
  container: "Container",
  file: "File",
  vector_store: "Vector store",
  prompt: "Prompt",
  skill: "Skill",
};
