/** Request bodies of the load scenarios, built once, deterministic. */

const PROMPT = "Hello, how are you today?";

/** The smallest realistic Messages request. */
export function anthropicSmall(stream: boolean): Buffer {
  return json({
    model: "claude-sonnet-4-6",
    max_tokens: 256,
    messages: [{ role: "user", content: PROMPT }],
    ...(stream ? { stream: true } : {}),
  });
}

const WORDS =
  "the gateway forwards each request to the upstream vendor meters every token and bills at the plan discount while tools read files run commands and edit code in the repository under review".split(
    " ",
  );
function prose(bytes: number, seed: number): string {
  let out = "";
  for (let i = seed; out.length < bytes; i++)
    out += `${WORDS[(i * 7) % WORDS.length]}${i % 17 === 0 ? ".\n" : " "}`;
  return out.slice(0, bytes);
}

/**
 * A coding agent's request, about 64 KB: a long system prompt with a cache breakpoint, a dozen
 * tools with JSON schemas, and a conversation with tool calls and results — the shape Claude
 * Code sends, where body parsing and validation cost the most.
 */
export function anthropicLarge(stream: boolean): Buffer {
  const tools = Array.from({ length: 12 }, (_, i) => ({
    name: `tool_${i}`,
    description: prose(600, i),
    input_schema: {
      type: "object",
      properties: {
        path: { type: "string", description: prose(120, i + 1) },
        command: { type: "string", description: prose(120, i + 2) },
        limit: { type: "integer", minimum: 1, maximum: 1000 },
        flags: { type: "array", items: { type: "string" } },
      },
      required: ["path"],
    },
  }));
  const messages: unknown[] = [];
  for (let turn = 0; turn < 8; turn++) {
    messages.push({ role: "user", content: [{ type: "text", text: prose(1500, turn * 3) }] });
    messages.push({
      role: "assistant",
      content: [
        { type: "text", text: prose(400, turn * 5) },
        {
          type: "tool_use",
          id: `toolu_${turn}`,
          name: `tool_${turn % 12}`,
          input: { path: `src/file_${turn}.ts` },
        },
      ],
    });
    messages.push({
      role: "user",
      content: [{ type: "tool_result", tool_use_id: `toolu_${turn}`, content: prose(2500, turn * 11) }],
    });
  }
  messages.push({ role: "user", content: [{ type: "text", text: PROMPT }] });
  return json({
    model: "claude-sonnet-4-6",
    max_tokens: 4096,
    system: [
      { type: "text", text: prose(12_000, 1) },
      { type: "text", text: prose(4000, 2), cache_control: { type: "ephemeral" } },
    ],
    tools,
    messages,
    ...(stream ? { stream: true } : {}),
  });
}

/** OpenAI Chat Completions, to a Claude model: the gateway translates both ways. */
export function chatSmall(stream: boolean): Buffer {
  return json({
    model: "claude-sonnet-4-6",
    max_tokens: 256,
    messages: [{ role: "user", content: PROMPT }],
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

/** OpenAI Responses, to an OpenAI model: passed through to an OpenAI-style upstream. */
export function responsesSmall(stream: boolean): Buffer {
  return json({
    model: "gpt-5.4-mini",
    max_output_tokens: 256,
    input: PROMPT,
    ...(stream ? { stream: true } : {}),
  });
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
