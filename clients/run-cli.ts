import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI from the clients folder with a fresh HOME, `stdin` written then closed, bounded in time. */
export function runCli(
  bin: "claude" | "codex" | "gemini",
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<CliResult> {
  const home = mkdtempSync(path.join(tmpdir(), `cc-${bin}-`));
  const binDir = path.join(inject("clientsDir"), "node_modules", ".bin");
  return new Promise((resolve) => {
    const child = execFile(
      path.join(binDir, bin),
      args,
      {
        cwd: home,
        timeout: 100_000,
        env: { PATH: `${binDir}:${process.env.PATH ?? ""}`, HOME: home, ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === "number"
            ? (error as { code: number }).code
            : error
              ? 1
              : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

/**
 * A CODEX_HOME with a config.toml for the local gateway: one provider, no outside traffic.
 * Without a model, Codex runs its own default model.
 */
export function codexHome(model?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cc-codex-home-"));
  writeFileSync(
    path.join(dir, "config.toml"),
    `${model ? `model = "${model}"\n` : ""}model_provider = "ccgateway"
check_for_update_on_startup = false

[model_providers.ccgateway]
name = "cc-gateway"
base_url = "${inject("baseUrl")}/api/proxy/v1"
env_key = "CC_GATEWAY_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0

${QUIET_CODEX}`,
  );
  return dir;
}

/** No analytics, plugins or apps: Codex reaches nothing but the gateway. */
const QUIET_CODEX = `
[analytics]
enabled = false

[features]
plugins = false
remote_plugin = false
apps = false
unbounded_connection_retries = false
`;

/**
 * A CODEX_HOME for Codex's built-in OpenAI provider, set up as OpenAI documents it: the
 * gateway as `openai_base_url` in config.toml, the key saved by `codex login --with-api-key`
 * (auth.json). This provider speaks the Responses API over a WebSocket first.
 */
export async function codexBuiltInHome(model: string, key: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "cc-codex-builtin-"));
  writeFileSync(
    path.join(dir, "config.toml"),
    `model = "${model}"
openai_base_url = "${inject("baseUrl")}/api/proxy/v1"
check_for_update_on_startup = false
${QUIET_CODEX}`,
  );
  const login = await runCli("codex", ["login", "--with-api-key"], { CODEX_HOME: dir }, `${key}\n`);
  if (login.code !== 0) throw new Error(`codex login failed: ${login.stderr}`);
  return dir;
}

/**
 * A HOME for Gemini CLI: the Gemini API key chosen as its sign-in (0.61 in headless mode takes
 * GOOGLE_GEMINI_BASE_URL for its `gateway` sign-in, which it then refuses: "Invalid auth method
 * selected."), and nothing sent to Google beside the requests (usage statistics, update checks).
 */
export function geminiHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), "cc-gemini-home-"));
  mkdirSync(path.join(home, ".gemini"));
  writeFileSync(
    path.join(home, ".gemini", "settings.json"),
    JSON.stringify({
      security: { auth: { selectedType: "gemini-api-key" } },
      privacy: { usageStatisticsEnabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
      telemetry: { enabled: false },
    }),
  );
  return home;
}
