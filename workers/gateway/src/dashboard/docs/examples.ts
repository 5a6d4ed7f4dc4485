/**
 * The code samples of the API docs, one function per section: the same request with the
 * Python SDK, the Node.js SDK and cURL, built from this deployment's base URLs. Pure, so the
 * docs page and its tests read the same text.
 */
import { KEY, type ToolUrls } from "../tools/catalog.ts";

export interface Examples {
  python: string;
  node: string;
  curl: string;
}

const lines = (...l: string[]) => l.join("\n");

const anthropicPy = (u: ToolUrls) =>
  lines("import anthropic", "", `client = anthropic.Anthropic(base_url="${u.anthropic}", api_key="${KEY}")`);
const anthropicJs = (u: ToolUrls) =>
  lines(
    'import Anthropic from "@anthropic-ai/sdk";',
    "",
    `const client = new Anthropic({ baseURL: "${u.anthropic}", apiKey: "${KEY}" });`,
  );
const openaiPy = (u: ToolUrls) =>
  lines("from openai import OpenAI", "", `client = OpenAI(base_url="${u.openai}", api_key="${KEY}")`);
const openaiJs = (u: ToolUrls) =>
  lines(
    'import OpenAI from "openai";',
    "",
    `const client = new OpenAI({ baseURL: "${u.openai}", apiKey: "${KEY}" });`,
  );

/** curl of the Messages endpoint with `body` (pretty JSON inside single quotes). */
const curlMessages = (u: ToolUrls, body: unknown, path = "/v1/messages") =>
  lines(
    `curl ${u.anthropic}${path} \\`,
    `  -H "x-api-key: ${KEY}" \\`,
    '  -H "anthropic-version: 2023-06-01" \\',
    '  -H "content-type: application/json" \\',
    `  -d '${JSON.stringify(body, null, 2)}'`,
  );
const curlOpenAi = (u: ToolUrls, path: string, body: unknown) =>
  lines(
    `curl ${u.openai}${path} \\`,
    `  -H "Authorization: Bearer ${KEY}" \\`,
    '  -H "content-type: application/json" \\',
    `  -d '${JSON.stringify(body, null, 2)}'`,
  );

const hello = [{ role: "user", content: "Hello, Claude" }];

export function messagesExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      anthropicPy(u),
      "",
      "message = client.messages.create(",
      `    model="${model}",`,
      "    max_tokens=1024,",
      '    messages=[{"role": "user", "content": "Hello, Claude"}],',
      ")",
      "print(message.content[0].text)",
    ),
    node: lines(
      anthropicJs(u),
      "",
      "const message = await client.messages.create({",
      `  model: "${model}",`,
      "  max_tokens: 1024,",
      '  messages: [{ role: "user", content: "Hello, Claude" }],',
      "});",
      "console.log(message.content[0].text);",
    ),
    curl: curlMessages(u, { model, max_tokens: 1024, messages: hello }),
  };
}

export function countTokensExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      anthropicPy(u),
      "",
      `count = client.messages.count_tokens(model="${model}", messages=[{"role": "user", "content": "Hello, Claude"}])`,
      "print(count.input_tokens)",
    ),
    node: lines(
      anthropicJs(u),
      "",
      `const count = await client.messages.countTokens({ model: "${model}", messages: [{ role: "user", content: "Hello, Claude" }] });`,
      "console.log(count.input_tokens);",
    ),
    curl: curlMessages(u, { model, messages: hello }, "/v1/messages/count_tokens"),
  };
}

export function chatExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      openaiPy(u),
      "",
      "completion = client.chat.completions.create(",
      `    model="${model}",`,
      '    messages=[{"role": "user", "content": "Hello"}],',
      ")",
      "print(completion.choices[0].message.content)",
    ),
    node: lines(
      openaiJs(u),
      "",
      "const completion = await client.chat.completions.create({",
      `  model: "${model}",`,
      '  messages: [{ role: "user", content: "Hello" }],',
      "});",
      "console.log(completion.choices[0].message.content);",
    ),
    curl: curlOpenAi(u, "/chat/completions", { model, messages: [{ role: "user", content: "Hello" }] }),
  };
}

export function responsesExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      openaiPy(u),
      "",
      `response = client.responses.create(model="${model}", input="Write a haiku about gateways.")`,
      "print(response.output_text)",
    ),
    node: lines(
      openaiJs(u),
      "",
      `const response = await client.responses.create({ model: "${model}", input: "Write a haiku about gateways." });`,
      "console.log(response.output_text);",
    ),
    curl: curlOpenAi(u, "/responses", { model, input: "Write a haiku about gateways." }),
  };
}

export function streamingExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      anthropicPy(u),
      "",
      "with client.messages.stream(",
      `    model="${model}",`,
      "    max_tokens=1024,",
      '    messages=[{"role": "user", "content": "Tell me a story"}],',
      ") as stream:",
      "    for text in stream.text_stream:",
      '        print(text, end="", flush=True)',
    ),
    node: lines(
      anthropicJs(u),
      "",
      "const stream = client.messages.stream({",
      `  model: "${model}",`,
      "  max_tokens: 1024,",
      '  messages: [{ role: "user", content: "Tell me a story" }],',
      "});",
      'stream.on("text", (text) => process.stdout.write(text));',
      "await stream.finalMessage();",
    ),
    curl: curlMessages(u, {
      model,
      max_tokens: 1024,
      stream: true,
      messages: [{ role: "user", content: "Tell me a story" }],
    }).replace(`curl ${u.anthropic}`, `curl -N ${u.anthropic}`),
  };
}

export function cachingExamples(u: ToolUrls, model: string): Examples {
  const system = "<a long, stable system prompt or document: at least the model's minimum>";
  return {
    python: lines(
      anthropicPy(u),
      "",
      "message = client.messages.create(",
      `    model="${model}",`,
      "    max_tokens=1024,",
      "    system=[",
      `        {"type": "text", "text": "${system}", "cache_control": {"type": "ephemeral"}},`,
      "    ],",
      '    messages=[{"role": "user", "content": "Summarise it."}],',
      ")",
      "print(message.usage.cache_creation_input_tokens, message.usage.cache_read_input_tokens)",
    ),
    node: lines(
      anthropicJs(u),
      "",
      "const message = await client.messages.create({",
      `  model: "${model}",`,
      "  max_tokens: 1024,",
      `  system: [{ type: "text", text: "${system}", cache_control: { type: "ephemeral" } }],`,
      '  messages: [{ role: "user", content: "Summarise it." }],',
      "});",
      "console.log(message.usage.cache_creation_input_tokens, message.usage.cache_read_input_tokens);",
    ),
    curl: curlMessages(u, {
      model,
      max_tokens: 1024,
      system: [{ type: "text", text: system, cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: "Summarise it." }],
    }),
  };
}

export function thinkingExamples(u: ToolUrls, model: string): Examples {
  return {
    python: lines(
      anthropicPy(u),
      "",
      "message = client.messages.create(",
      `    model="${model}",`,
      "    max_tokens=16000,",
      '    thinking={"type": "enabled", "budget_tokens": 10000},',
      '    messages=[{"role": "user", "content": "Is 1,000,003 prime?"}],',
      ")",
      "for block in message.content:",
      '    print(block.type, getattr(block, "thinking", None) or getattr(block, "text", ""))',
    ),
    node: lines(
      anthropicJs(u),
      "",
      "const message = await client.messages.create({",
      `  model: "${model}",`,
      "  max_tokens: 16000,",
      '  thinking: { type: "enabled", budget_tokens: 10000 },',
      '  messages: [{ role: "user", content: "Is 1,000,003 prime?" }],',
      "});",
      "for (const block of message.content) console.log(block.type);",
    ),
    curl: curlMessages(u, {
      model,
      max_tokens: 16000,
      thinking: { type: "enabled", budget_tokens: 10000 },
      messages: [{ role: "user", content: "Is 1,000,003 prime?" }],
    }),
  };
}
