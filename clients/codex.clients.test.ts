import { describe, expect, inject, it } from "vitest";
import { codexBuiltInHome, codexHome, runCli } from "./run-cli.ts";

const run = (model: string | undefined, prompt: string) =>
  runCli("codex", ["exec", "--skip-git-repo-check", prompt], {
    CODEX_HOME: codexHome(model),
    CC_GATEWAY_KEY: inject("demoKey"),
  });

describe.each(["gpt-5.5", "claude-sonnet-4-6", "gemini-3.1-pro-preview"])(
  "Codex (codex exec) on %s",
  (model) => {
    it("prints a plain answer", async () => {
      const result = await run(model, "say hi");
      expect(result.stdout, result.stderr).toContain("Hello from mock");
      expect(result.code).toBe(0);
    });

    it("completes a tool-call turn", async () => {
      const result = await run(model, "Run it [[mock:tool]]");
      expect(result.stdout, result.stderr).toMatch(/tool result/i);
      expect(result.code).toBe(0);
    });
  },
);

// Codex offers apply_patch (a free-form custom tool) only for models in its catalog; for
// other names it falls back to function tools. The Claude translation of custom tools is
// covered by workers/gateway/test/openai-gpt.test.ts.
it("Codex on gpt-5.5 completes a custom-tool turn (apply_patch, free-form input)", async () => {
  const result = await run("gpt-5.5", "Patch it [[mock:tool name=apply_patch]]");
  expect(result.stdout, result.stderr).toMatch(/tool result/i);
  expect(result.code).toBe(0);
});

// With no `model` line Codex runs its default model (gpt-6.1-sol in 0.169), which must be offered.
it("Codex with no model setting answers on its default model", async () => {
  const result = await run(undefined, "say hi");
  expect(result.stdout, result.stderr).toContain("Hello from mock");
  expect(result.code).toBe(0);
});

// Codex's built-in provider as OpenAI documents it (openai_base_url + codex login --with-api-key):
// Codex opens a WebSocket to /v1/responses first, warms it up (generate: false), then sends
// each turn with previous_response_id and only the new items. Its log says which transport served.
describe.each(["gpt-5.5", "claude-sonnet-4-6"])("Codex with its built-in OpenAI provider on %s", (model) => {
  const runBuiltIn = async (prompt: string) =>
    runCli("codex", ["exec", "--skip-git-repo-check", prompt], {
      CODEX_HOME: await codexBuiltInHome(model, inject("demoKey")),
      RUST_LOG: "codex_api=info",
    });
  const overWebSocket = (stderr: string) => {
    expect(stderr).toContain("successfully connected to Responses WebSocket");
    expect(stderr).not.toContain("Falling back from WebSockets");
    expect(stderr).not.toMatch(/Reconnecting/);
  };

  it("prints a plain answer over the WebSocket", async () => {
    const result = await runBuiltIn("say hi");
    expect(result.stdout, result.stderr).toContain("Hello from mock");
    expect(result.code).toBe(0);
    overWebSocket(result.stderr);
  });

  it("completes a tool-call session over the WebSocket (incremental input)", async () => {
    const result = await runBuiltIn("Run it [[mock:tool]]");
    expect(result.stdout, result.stderr).toMatch(/tool result/i);
    expect(result.code).toBe(0);
    overWebSocket(result.stderr);
  });
});
