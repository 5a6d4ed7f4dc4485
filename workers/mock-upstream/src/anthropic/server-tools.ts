/**
 * Server tools for the `extras` scenario: what a response that ran Anthropic's server tools
 * looks like (https://platform.claude.com/docs/en/agents-and-tools/tool-use/web-search-tool):
 * a `server_tool_use` block and its result block per use, before the answer, and the usage's
 * `server_tool_use` counters (web search and web fetch have one; code execution has none).
 */
import type { OutBlock } from "./generate.ts";

export const SERVER_TOOLS = ["web_search", "web_fetch", "code_execution"] as const;

const INPUT: Record<string, Record<string, unknown>> = {
  web_search: { query: "mock" },
  web_fetch: { url: "https://example.com/" },
  code_execution: { code: "print('mock')" },
};

/** The blocks of `uses` server tool runs, ids numbered by the request. */
export function serverToolBlocks(uses: Record<string, number>, requestNumber: number): OutBlock[] {
  const blocks: OutBlock[] = [];
  for (const [name, n] of Object.entries(uses)) {
    for (let i = 0; i < n; i++) {
      const id = `srvtoolu_mock_${requestNumber}_${blocks.length}`;
      blocks.push({ type: "server_tool_use", id, name, input: INPUT[name] ?? {} });
      blocks.push({ type: `${name}_tool_result`, tool_use_id: id, content: [] });
    }
  }
  return blocks;
}

/** usage.server_tool_use: the per-request counters, or null when no counted tool ran. */
export function serverToolUsage(uses: Readonly<Record<string, number>> | undefined) {
  const search = uses?.web_search ?? 0;
  const fetch = uses?.web_fetch ?? 0;
  return search + fetch === 0 ? null : { web_search_requests: search, web_fetch_requests: fetch };
}
