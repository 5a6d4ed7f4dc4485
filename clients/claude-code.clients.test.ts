import { describe, expect, inject, it } from "vitest";
import { runCli } from "./run-cli.ts";

const QUIET = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  DISABLE_TELEMETRY: "1",
  DISABLE_AUTOUPDATER: "1",
  DISABLE_ERROR_REPORTING: "1",
  CLAUDE_CODE_MAX_RETRIES: "0",
};

const env = (model: string) => ({
  ANTHROPIC_BASE_URL: `${inject("baseUrl")}/api/proxy`,
  ANTHROPIC_API_KEY: inject("demoKey"),
  ANTHROPIC_MODEL: model,
  ...QUIET,
});

// What the docs promise: set the base URL and the key, "then just run claude". Claude Code then
// picks its own default model (claude-opus-5-5 with adaptive thinking), which must be offered.
it("Claude Code with only the base URL and the key (no model setting) answers", async () => {
  const result = await runCli("claude", ["-p", "say hi", "--output-format", "json"], {
    ANTHROPIC_BASE_URL: `${inject("baseUrl")}/api/proxy`,
    ANTHROPIC_API_KEY: inject("demoKey"),
    ...QUIET,
  });
  expect(result.stdout, result.stderr).toContain("Hello from mock");
  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout) as { is_error: boolean; modelUsage: Record<string, unknown> };
  expect(out.is_error).toBe(false);
  expect(Object.keys(out.modelUsage)).toContain("claude-opus-5-5");
});

describe.each(["claude-sonnet-4-6", "gpt-5.5", "gemini-3.1-pro-preview"])(
  "Claude Code (claude -p) on %s",
  (model) => {
    it("prints a plain answer", async () => {
      const result = await runCli("claude", ["-p", "say hi"], env(model));
      expect(result.stdout, result.stderr).toContain("Hello from mock");
      expect(result.code).toBe(0);
    });

    it("completes a tool-call turn", async () => {
      const result = await runCli(
        "claude",
        ["-p", "Read the notes file [[mock:tool name=Read]]"],
        env(model),
      );
      // The mock answers the tool result turn by quoting it back: Claude Code ran the tool.
      expect(result.stdout, result.stderr).toMatch(/tool result/i);
      expect(result.code).toBe(0);
    });
  },
);
