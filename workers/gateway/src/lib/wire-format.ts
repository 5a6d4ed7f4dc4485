/** The inbound wire formats the gateway speaks. */
export type WireFormat = "anthropic-messages" | "openai-chat" | "openai-responses";
