import { describe, expect, inject, it } from "vitest";
import { geminiHome, runCli } from "./run-cli.ts";

/**
 * Gemini CLI with what the docs promise: GOOGLE_GEMINI_BASE_URL and GEMINI_API_KEY (and a HOME
 * whose settings pick the API key as its sign-in, see geminiHome). `-y` lets it run its tools
 * unattended, as a headless run must.
 */
const run = (model: string | undefined, prompt: string) =>
  runCli("gemini", [...(model ? ["-m", model] : []), "-y", "-p", prompt], {
    HOME: geminiHome(),
    GOOGLE_GEMINI_BASE_URL: `${inject("baseUrl")}/api/proxy`,
    GEMINI_API_KEY: inject("demoKey"),
    GEMINI_CLI_TRUST_WORKSPACE: "true",
  });

describe.each(["gemini-3.1-pro-preview", "claude-sonnet-4-6"])("Gemini CLI (gemini -p) on %s", (model) => {
  it("prints a plain answer", async () => {
    const result = await run(model, "say hi");
    expect(result.stdout, result.stderr).toContain("Hello from mock");
    expect(result.code).toBe(0);
  });

  it("completes a tool-call turn", async () => {
    const result = await run(model, "Read the notes file [[mock:tool name=read_file]]");
    // The mock answers the function response by quoting it back: Gemini CLI ran the tool.
    expect(result.stdout, result.stderr).toMatch(/tool result/i);
    expect(result.code).toBe(0);
  });
});

// With no -m Gemini CLI runs its default model (gemini-3.1-pro-preview in 0.61), which must be offered.
it("Gemini CLI with no model setting answers on its default model", async () => {
  const result = await run(undefined, "say hi");
  expect(result.stdout, result.stderr).toContain("Hello from mock");
  expect(result.code).toBe(0);
});
