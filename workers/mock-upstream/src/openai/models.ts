/** The GPT models the mock answers for (any model name is accepted; these are listed). */
export const GPT_MODELS = [
  { id: "gpt-6.2-sol", created_at: "2026-11-17T00:00:00Z" },
  { id: "gpt-6.1-sol", created_at: "2026-09-29T00:00:00Z" },
  { id: "gpt-5.5", created_at: "2026-04-23T00:00:00Z" },
  { id: "gpt-5.4", created_at: "2026-03-05T00:00:00Z" },
  { id: "gpt-5.4-mini", created_at: "2026-03-17T00:00:00Z" },
  { id: "gpt-5.3-codex", created_at: "2026-02-05T00:00:00Z" },
] as const;

/** One entry of OpenAI's model list: {id, object:"model", created (unix s), owned_by}. */
export function openAiModel(id: string, createdAt: string, ownedBy: string) {
  return { id, object: "model", created: Date.parse(createdAt) / 1000, owned_by: ownedBy };
}
