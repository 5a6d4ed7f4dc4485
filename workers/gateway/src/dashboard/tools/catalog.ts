/**
 * Setup guides for the tools customers point at the gateway: one row per tool, rendered by
 * one page (pages/tools.tsx) at /tools/<slug>. Every snippet is built from the deployment's own
 * base URLs. Sources: each tool's own documentation (OpenClaw: docs.openclaw.ai "Model
 * providers"; OpenHands: docs.openhands.dev "OpenAI" LLM page and the OpenHands CLI README),
 * and what the CLIs were seen to send.
 */

/** The deployment's URLs, from the request's origin. */
export interface ToolUrls {
  origin: string;
  /** Anthropic-style clients append /v1/messages themselves. */
  anthropic: string;
  /** OpenAI-style clients append /chat/completions or /responses. */
  openai: string;
}

export const toolUrls = (origin: string): ToolUrls => ({
  origin,
  anthropic: `${origin}/api/proxy`,
  openai: `${origin}/api/proxy/v1`,
});

/** Placeholder for the customer's key in snippets. */
export const KEY = "sk-cc-REPLACE_ME";

/** A config value that the tool replaces with the environment variable holding the key. */
const ENV_KEY_REF = `\${CC_GATEWAY_API_KEY}`;

/** The chosen model's limits, for tools that want them in their config. */
export interface ModelLimits {
  contextWindow: number;
  maxOutput: number;
}

export interface ToolStep {
  /** Plain text; `backticks` mark inline code. */
  text: string;
  snippet?: {
    lang: "sh" | "toml" | "yaml" | "json" | "text";
    file?: string;
    code: (u: ToolUrls, model: string, limits: ModelLimits) => string;
  };
}

/** What kind of tool it is, as the index groups them. */
export const TOOL_KINDS = [
  "terminal agent",
  "VS Code extension",
  "editor",
  "autonomous agent",
  "chat app",
] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

export interface ToolGuide {
  slug: string;
  name: string;
  kind: ToolKind;
  /** Which API the tool's main setup speaks. */
  style: "anthropic" | "openai" | "gemini";
  /** One line: what the tool is and how it reaches the gateway. */
  summary: string;
  /** Shown above the setup when the tool cannot work with this deployment yet. */
  notice?: string;
  /** The base URL as the tool's main setting takes it. */
  baseUrl: (u: ToolUrls) => string;
  /** The exact environment variables or settings the tool reads. */
  reads: string[];
  /** Recommended models, best first; shown if the price table lists them. */
  models: string[];
  steps: ToolStep[];
  mistakes: string[];
}

const CLAUDE = [
  "claude-sonnet-4-6",
  "claude-opus-5-5",
  "claude-opus-4-7",
  "claude-haiku-5-5",
  "claude-haiku-4-5",
];
const MIXED = ["claude-sonnet-4-6", "gpt-5.5", "claude-opus-5-5", "claude-haiku-5-5", "gpt-5.4-mini"];
const GEMINI = [
  "gemini-3.1-pro-preview",
  "gemini-3.5-flash",
  "gemini-2.5-pro",
  "claude-sonnet-4-6",
  "gpt-5.5",
];

const V1_MISTAKE =
  "Base URL with the wrong suffix: OpenAI-style settings take `…/api/proxy/v1`, Anthropic-style settings take `…/api/proxy` (the client adds `/v1/messages`). A doubled `/v1/v1` or a missing `/v1` answers 404.";
const MODEL_MISTAKE =
  "Model names must be exactly as listed on the docs page (`claude-sonnet-4-6`, not `claude-3-5-sonnet` or `Claude Sonnet`); an unknown model answers 400.";

/** Cline, Roo Code and Kilo Code share their provider screens (Roo and Kilo are Cline forks). */
const clineLike = (slug: string, name: string): ToolGuide => ({
  slug,
  name,
  kind: "VS Code extension",
  style: "openai",
  summary: `${name} (VS Code extension) talks to the gateway through its “OpenAI Compatible” provider, or its Anthropic provider with a custom base URL.`,
  baseUrl: (u) => u.openai,
  reads: ["API Provider: OpenAI Compatible", "Base URL", "API Key", "Model ID", "Use custom base URL"],
  models: MIXED,
  steps: [
    {
      text: `Open ${name}'s settings (the gear in its panel) and choose API Provider “OpenAI Compatible”. Fill in:`,
      snippet: {
        lang: "text",
        code: (u, m) => `Base URL:  ${u.openai}\nAPI Key:   ${KEY}\nModel ID:  ${m}`,
      },
    },
    {
      text: "For Claude models you can use the Anthropic provider instead (keeps prompt caching and thinking exactly as Anthropic defines them): choose API Provider “Anthropic”, paste the key, tick “Use custom base URL” and enter:",
      snippet: { lang: "text", code: (u) => u.anthropic },
    },
  ],
  mistakes: [
    V1_MISTAKE,
    "In the Anthropic provider the custom base URL has no `/v1`; in “OpenAI Compatible” it must end with `/v1`.",
    MODEL_MISTAKE,
  ],
});

export const TOOLS: readonly ToolGuide[] = [
  {
    slug: "claude-code",
    name: "Claude Code",
    kind: "terminal agent",
    style: "anthropic",
    summary: "Anthropic's coding agent reads its endpoint, key and models from environment variables.",
    baseUrl: (u) => u.anthropic,
    reads: [
      "ANTHROPIC_BASE_URL",
      "ANTHROPIC_AUTH_TOKEN",
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_MODEL",
      "ANTHROPIC_DEFAULT_HAIKU_MODEL",
      "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
    ],
    models: CLAUDE,
    steps: [
      {
        text: "In your shell (or your shell profile):",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              `export ANTHROPIC_BASE_URL=${u.anthropic}`,
              `export ANTHROPIC_AUTH_TOKEN=${KEY}`,
              `export ANTHROPIC_MODEL=${m}                 # optional`,
              "export ANTHROPIC_DEFAULT_HAIKU_MODEL=claude-haiku-5-5   # optional: background tasks",
              "export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
              "claude",
            ].join("\n"),
        },
      },
      {
        text: "Or once for every session, in `~/.claude/settings.json`:",
        snippet: {
          lang: "json",
          file: "~/.claude/settings.json",
          code: (u, m) =>
            JSON.stringify(
              {
                env: {
                  ANTHROPIC_BASE_URL: u.anthropic,
                  ANTHROPIC_AUTH_TOKEN: KEY,
                  ANTHROPIC_MODEL: m,
                  ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-haiku-5-5",
                  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
                },
              },
              null,
              2,
            ),
        },
      },
      {
        text: "`ANTHROPIC_AUTH_TOKEN` is sent as `Authorization: Bearer`; `ANTHROPIC_API_KEY` as `x-api-key`. Either works; set one. `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1` stops the telemetry and update checks that would bypass the gateway.",
      },
      {
        text: "`ANTHROPIC_MODEL` is optional: without it Claude Code runs its own default (`claude-opus-5-5`, with `claude-haiku-5-5` for background tasks), and both are offered here. Switch at any time with `/model <name>` or `claude --model <name>`.",
      },
    ],
    mistakes: [
      "`ANTHROPIC_BASE_URL` ending in `/v1`: Claude Code appends `/v1/messages` itself, so `…/api/proxy/v1` becomes `/v1/v1/messages` (404).",
      "A model this gateway does not offer (an older alias, a misspelling) answers 400 with the list of offered models: set `ANTHROPIC_MODEL` to one of them, or unset it to use Claude Code's default.",
      "A wrong key makes Claude Code retry 401s with backoff for minutes; run `CLAUDE_CODE_MAX_RETRIES=0 claude -p hi` once to see the error at once.",
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "codex",
    name: "Codex CLI",
    kind: "terminal agent",
    style: "openai",
    summary:
      "OpenAI's coding agent speaks only the Responses API: with its built-in OpenAI provider pointed at the gateway it uses the Responses WebSocket, with a custom provider HTTP and SSE.",
    baseUrl: (u) => u.openai,
    reads: [
      "openai_base_url",
      "codex login --with-api-key (~/.codex/auth.json)",
      "or: [model_providers.ccgateway] with base_url, env_key and CC_GATEWAY_API_KEY",
    ],
    models: ["gpt-5.5", "gpt-6.1-sol", "gpt-5.3-codex", "claude-sonnet-4-6"],
    steps: [
      {
        text: "Recommended, as OpenAI documents it: Codex's built-in OpenAI provider with the gateway as its base URL, in `~/.codex/config.toml` (or `$CODEX_HOME/config.toml`). Codex then sends the Responses API over a WebSocket (`wss://…/responses`, its default transport: one connection per session, each turn sending only its new items); it uses HTTP only if the WebSocket fails.",
        snippet: {
          lang: "toml",
          file: "~/.codex/config.toml",
          code: (u, m) => [`openai_base_url = "${u.openai}"`, `model = "${m}"`].join("\n"),
        },
      },
      {
        text: "Save the key once with `codex login` (it goes to `~/.codex/auth.json`: the built-in provider does not read `OPENAI_API_KEY`), then run Codex:",
        snippet: { lang: "sh", code: () => `echo ${KEY} | codex login --with-api-key\ncodex` },
      },
      {
        text: "Or a custom provider whose key comes from an environment variable. Codex sends a custom provider's requests over HTTP with SSE streams (add `supports_websockets = true` to the provider to use the WebSocket as well):",
        snippet: {
          lang: "toml",
          file: "~/.codex/config.toml",
          code: (u, m) =>
            [
              `model = "${m}"`,
              `model_provider = "ccgateway"`,
              "",
              "[model_providers.ccgateway]",
              `name = "cc-gateway"`,
              `base_url = "${u.openai}"`,
              `env_key = "CC_GATEWAY_API_KEY"`,
              `wire_api = "responses"`,
            ].join("\n"),
        },
      },
      {
        text: "With the custom provider, put the key in the variable that `env_key` names, then run Codex:",
        snippet: { lang: "sh", code: () => `export CC_GATEWAY_API_KEY=${KEY}\ncodex` },
      },
    ],
    mistakes: [
      "The `OPENAI_BASE_URL` environment variable is no longer read by Codex: set `openai_base_url` in `config.toml`.",
      'With the built-in provider, `OPENAI_API_KEY` alone is not enough (every request answers 401 "Missing API key"): run `codex login --with-api-key` once.',
      'Codex\'s messages "Reconnecting… 1/5" then "Falling back from WebSockets to HTTPS transport" mean the WebSocket was refused: an old deployment, a proxy in front of the gateway that drops the upgrade, or a key already holding 16 open sockets.',
      "`env_key` is the NAME of an environment variable (`CC_GATEWAY_API_KEY`), not the key itself. Codex reports `Missing environment variable` when it is unset.",
      '`wire_api = "chat"` is rejected by current Codex ("no longer supported"): use `wire_api = "responses"`.',
      "`openai_base_url` and `base_url` must end with `/v1`: Codex appends `/responses`.",
      "`model` is optional: without it Codex runs its own default (`gpt-6.1-sol` in Codex 0.169), which is offered here. A model the gateway does not offer answers 400 with the list of offered ones.",
    ],
  },
  {
    slug: "cursor",
    name: "Cursor",
    kind: "editor",
    style: "openai",
    summary: "Cursor can send chat requests to an OpenAI-compatible base URL with your own key.",
    baseUrl: (u) => u.openai,
    reads: ["OpenAI API Key", "Override OpenAI Base URL"],
    models: MIXED,
    steps: [
      {
        text: "Settings → Models → API Keys: paste your key in “OpenAI API Key”, switch on “Override OpenAI Base URL” and enter:",
        snippet: { lang: "text", code: (u) => u.openai },
      },
      {
        text: "Then “+ Add model” with the exact model name, e.g.:",
        snippet: { lang: "text", code: (_u, m) => m },
      },
    ],
    mistakes: [
      "Cursor calls the base URL from Cursor's own servers, not from your machine: the gateway must be reachable on the public internet over https. `localhost` and `127.0.0.1` cannot work.",
      V1_MISTAKE,
      MODEL_MISTAKE,
      "Cursor's own features (Tab completion, some agent modes) keep using Cursor's models whatever you set here.",
    ],
  },
  clineLike("cline", "Cline"),
  {
    slug: "continue",
    name: "Continue",
    kind: "VS Code extension",
    style: "openai",
    summary: "Continue (VS Code / JetBrains) reads models from `~/.continue/config.yaml`.",
    baseUrl: (u) => u.openai,
    reads: ["provider: openai", "apiBase", "apiKey", "model"],
    models: MIXED,
    steps: [
      {
        text: "Add a model with the `openai` provider and the gateway as `apiBase`:",
        snippet: {
          lang: "yaml",
          file: "~/.continue/config.yaml",
          code: (u, m) =>
            [
              "name: cc-gateway",
              "version: 1.0.0",
              "schema: v1",
              "models:",
              `  - name: ${m} (cc-gateway)`,
              "    provider: openai",
              `    model: ${m}`,
              `    apiBase: ${u.openai}`,
              `    apiKey: ${KEY}`,
              "    roles: [chat, edit, apply]",
            ].join("\n"),
        },
      },
    ],
    mistakes: [
      "Use `provider: openai` with `apiBase` ending in `/v1`. Continue's `anthropic` provider expects an `apiBase` that already includes `/v1/`, unlike every other Anthropic client.",
      MODEL_MISTAKE,
    ],
  },
  clineLike("kilo-code", "Kilo Code"),
  clineLike("roo-code", "Roo Code"),
  {
    slug: "aider",
    name: "Aider",
    kind: "terminal agent",
    style: "openai",
    summary:
      "Aider reaches OpenAI-compatible endpoints through LiteLLM: an API base, a key, and `openai/` before the model name.",
    baseUrl: (u) => u.openai,
    reads: [
      "OPENAI_API_BASE",
      "OPENAI_API_KEY",
      "--openai-api-base",
      "--openai-api-key",
      "--model openai/<model>",
    ],
    models: MIXED,
    steps: [
      {
        text: "With environment variables:",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              `export OPENAI_API_BASE=${u.openai}`,
              `export OPENAI_API_KEY=${KEY}`,
              `aider --model openai/${m}`,
            ].join("\n"),
        },
      },
      {
        text: "Or with flags:",
        snippet: {
          lang: "sh",
          code: (u, m) => `aider --openai-api-base ${u.openai} --openai-api-key ${KEY} --model openai/${m}`,
        },
      },
      {
        text: "Or in `.aider.conf.yml`:",
        snippet: {
          lang: "yaml",
          file: ".aider.conf.yml",
          code: (u, m) =>
            [`openai-api-base: ${u.openai}`, `openai-api-key: ${KEY}`, `model: openai/${m}`].join("\n"),
        },
      },
    ],
    mistakes: [
      "Forgetting the `openai/` prefix: `--model claude-sonnet-4-6` makes LiteLLM call Anthropic directly with your gateway key (401 from Anthropic).",
      V1_MISTAKE,
      "Aider warns about unknown context window sizes for `openai/…` models; the warning is harmless.",
    ],
  },
  {
    slug: "cherry-studio",
    name: "Cherry Studio",
    kind: "chat app",
    style: "openai",
    summary: "Cherry Studio (desktop chat app) adds a custom provider with an API host and key.",
    baseUrl: (u) => u.anthropic,
    reads: ["Provider Type: OpenAI", "API Key", "API Host"],
    models: MIXED,
    steps: [
      {
        text: "Settings → Model Provider → Add: any name, Provider Type “OpenAI”. Then fill in:",
        snippet: { lang: "text", code: (u) => `API Key:   ${KEY}\nAPI Host:  ${u.anthropic}` },
      },
      {
        text: "Cherry Studio appends `/v1/chat/completions` to the host itself: the preview under the field must read:",
        snippet: { lang: "text", code: (u) => `${u.openai}/chat/completions` },
      },
      {
        text: "Click “Manage” (or “+ Add”) to add models by their exact names, and turn the provider on with the switch at the top right. For Claude models you can also add a provider of type “Anthropic” with the same API host.",
      },
    ],
    mistakes: [
      "Cherry Studio is the exception to the `/v1` rule: its API host is `…/api/proxy` (it adds `/v1/…`). `…/api/proxy/v1` without a trailing slash gives `/v1/v1/chat/completions` (404); `…/api/proxy/v1/` with the slash also works.",
      "The provider stays off until you flip its switch: its models then do not appear in the model list.",
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "lobechat",
    name: "LobeChat",
    kind: "chat app",
    style: "openai",
    summary: "LobeChat (self-hosted or desktop) uses the OpenAI provider with a proxy URL.",
    baseUrl: (u) => u.openai,
    reads: ["OPENAI_API_KEY", "OPENAI_PROXY_URL", "OPENAI_MODEL_LIST"],
    models: MIXED,
    steps: [
      {
        text: "Self-hosted: set these in the server's environment (e.g. `docker run -e …` or `.env`):",
        snippet: {
          lang: "sh",
          code: (u) =>
            [
              `OPENAI_API_KEY=${KEY}`,
              `OPENAI_PROXY_URL=${u.openai}`,
              "OPENAI_MODEL_LIST=-all,+claude-sonnet-4-6,+claude-haiku-4-5,+gpt-5.5",
            ].join("\n"),
        },
      },
      {
        text: "In the app instead: Settings → AI Service Provider → OpenAI: paste the key as API Key, the URL above as API proxy address, then add the model names to its model list.",
      },
    ],
    mistakes: [
      "`OPENAI_PROXY_URL` must end with `/v1` (LobeChat's default is `https://api.openai.com/v1`); without it LobeChat shows empty answers.",
      "`OPENAI_MODEL_LIST` entries need a `+` and the exact model name; `-all` hides OpenAI's own models that this gateway does not serve.",
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "librechat",
    name: "LibreChat",
    kind: "chat app",
    style: "openai",
    summary: "LibreChat adds OpenAI-compatible services as custom endpoints in `librechat.yaml`.",
    baseUrl: (u) => u.openai,
    reads: ["endpoints.custom", "baseURL", "apiKey", "models.default", "CC_GATEWAY_API_KEY"],
    models: MIXED,
    steps: [
      {
        text: "In `librechat.yaml`:",
        snippet: {
          lang: "yaml",
          file: "librechat.yaml",
          code: (u) =>
            [
              "version: 1.2.8",
              "endpoints:",
              "  custom:",
              '    - name: "cc-gateway"',
              `      apiKey: "\${CC_GATEWAY_API_KEY}"`,
              `      baseURL: "${u.openai}"`,
              "      models:",
              '        default: ["claude-sonnet-4-6", "claude-haiku-4-5", "gpt-5.5"]',
              "        fetch: true",
              "      titleConvo: true",
              '      titleModel: "claude-haiku-4-5"',
            ].join("\n"),
        },
      },
      {
        text: "And the key in LibreChat's `.env`:",
        snippet: { lang: "sh", file: ".env", code: () => `CC_GATEWAY_API_KEY=${KEY}` },
      },
    ],
    mistakes: [
      `\`apiKey: "\${CC_GATEWAY_API_KEY}"\` reads the variable from \`.env\`; restart LibreChat after changing either file.`,
      V1_MISTAKE,
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "goose",
    name: "Goose",
    kind: "terminal agent",
    style: "openai",
    summary: "Goose's OpenAI provider splits the endpoint into a host and a path.",
    baseUrl: (u) => u.origin,
    reads: ["GOOSE_PROVIDER", "GOOSE_MODEL", "OPENAI_HOST", "OPENAI_BASE_PATH", "OPENAI_API_KEY"],
    models: MIXED,
    steps: [
      {
        text: "Run `goose configure` → Configure Providers → OpenAI and answer with these values, or set them in the environment:",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              "export GOOSE_PROVIDER=openai",
              `export GOOSE_MODEL=${m}`,
              `export OPENAI_HOST=${u.origin}`,
              "export OPENAI_BASE_PATH=api/proxy/v1/chat/completions",
              `export OPENAI_API_KEY=${KEY}`,
              "goose session",
            ].join("\n"),
        },
      },
    ],
    mistakes: [
      "`OPENAI_HOST` is the bare origin and `OPENAI_BASE_PATH` the rest of the path, with no leading slash. Putting `…/api/proxy/v1` into the host while keeping the default path `v1/chat/completions` gives 404.",
      "Goose stores keys in the system keychain; a key in its `config.yaml` is ignored.",
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "opencode",
    name: "OpenCode",
    kind: "terminal agent",
    style: "openai",
    summary: "OpenCode adds providers in `opencode.json` through the AI SDK's OpenAI-compatible package.",
    baseUrl: (u) => u.openai,
    reads: [
      "provider",
      '"npm": "@ai-sdk/openai-compatible"',
      "options.baseURL",
      "options.apiKey",
      "CC_GATEWAY_API_KEY",
    ],
    models: MIXED,
    steps: [
      {
        text: "In `opencode.json` (project) or `~/.config/opencode/opencode.json`:",
        snippet: {
          lang: "json",
          file: "opencode.json",
          code: (u, m) =>
            JSON.stringify(
              {
                $schema: "https://opencode.ai/config.json",
                provider: {
                  ccgateway: {
                    npm: "@ai-sdk/openai-compatible",
                    name: "cc-gateway",
                    options: { baseURL: u.openai, apiKey: "{env:CC_GATEWAY_API_KEY}" },
                    models: {
                      "claude-sonnet-4-6": { name: "Claude Sonnet 4.6" },
                      "claude-haiku-4-5": { name: "Claude Haiku 4.5" },
                      "gpt-5.5": { name: "GPT-5.5" },
                    },
                  },
                },
                model: `ccgateway/${m}`,
              },
              null,
              2,
            ),
        },
      },
      {
        text: "Then export the key and start OpenCode:",
        snippet: { lang: "sh", code: () => `export CC_GATEWAY_API_KEY=${KEY}\nopencode` },
      },
    ],
    mistakes: [
      "The top-level `model` is `<provider id>/<model>`: `ccgateway/claude-sonnet-4-6`.",
      "OpenCode's built-in `anthropic` provider expects a `baseURL` that already ends in `/v1`; the openai-compatible provider above avoids the confusion.",
      V1_MISTAKE,
    ],
  },
  {
    slug: "zed",
    name: "Zed",
    kind: "editor",
    style: "openai",
    summary: "Zed's agent takes OpenAI-compatible and Anthropic-compatible providers in `settings.json`.",
    baseUrl: (u) => u.openai,
    reads: ["language_models.openai_compatible", "api_url", "available_models", "CC_GATEWAY_API_KEY"],
    models: MIXED,
    steps: [
      {
        text: "In Zed's `settings.json` (zed: open settings):",
        snippet: {
          lang: "json",
          file: "~/.config/zed/settings.json",
          code: (u, m) =>
            JSON.stringify(
              {
                language_models: {
                  openai_compatible: {
                    "cc-gateway": {
                      api_url: u.openai,
                      available_models: [{ name: m, display_name: `${m} (cc-gateway)`, max_tokens: 200000 }],
                    },
                  },
                },
              },
              null,
              2,
            ),
        },
      },
      {
        text: "Zed reads the key from the environment variable named after the provider id (upper snake case + `_API_KEY`), or from Agent settings → LLM Providers:",
        snippet: { lang: "sh", code: () => `export CC_GATEWAY_API_KEY=${KEY}\nzed` },
      },
      {
        text: "For Claude models with Anthropic's own features, add an `anthropic_compatible` provider too; its `api_url` has no `/v1` and its key variable is `CC_GATEWAY_ANTHROPIC_API_KEY`:",
        snippet: {
          lang: "json",
          code: (u) =>
            JSON.stringify(
              {
                language_models: {
                  anthropic_compatible: {
                    "cc-gateway-anthropic": {
                      api_url: u.anthropic,
                      available_models: [{ name: "claude-sonnet-4-6", max_tokens: 200000 }],
                    },
                  },
                },
              },
              null,
              2,
            ),
        },
      },
    ],
    mistakes: [
      "Do not put the key in `settings.json`: Zed reads it from the keychain or from `CC_GATEWAY_API_KEY`.",
      "`max_tokens` is the model's context window and is required for each model.",
      V1_MISTAKE,
    ],
  },
  {
    slug: "windsurf",
    name: "Windsurf",
    kind: "editor",
    style: "anthropic",
    summary:
      "Windsurf's built-in Cascade agent has no setting for a custom base URL: its bring-your-own-key option takes vendor keys only. Use the gateway from Windsurf through an extension or its terminal.",
    baseUrl: (u) => u.anthropic,
    reads: ["ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "API Provider: OpenAI Compatible", "Base URL"],
    models: CLAUDE,
    steps: [
      {
        text: "Windsurf is a VS Code fork: install Cline, Roo Code or Kilo Code from its extension panel and follow that guide (OpenAI Compatible provider, base URL below).",
        snippet: { lang: "text", code: (u) => u.openai },
      },
      {
        text: "Or run Claude Code in Windsurf's terminal:",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              `export ANTHROPIC_BASE_URL=${u.anthropic}`,
              `export ANTHROPIC_AUTH_TOKEN=${KEY}`,
              `export ANTHROPIC_MODEL=${m}`,
              "claude",
            ].join("\n"),
        },
      },
    ],
    mistakes: [
      "Pasting a `sk-cc-` key into Cascade's BYOK field does not work: Cascade sends it to the vendor, not to this gateway.",
      V1_MISTAKE,
    ],
  },
  {
    slug: "gemini-cli",
    name: "Gemini CLI",
    kind: "terminal agent",
    style: "gemini",
    summary:
      "Google's coding agent reads its endpoint from `GOOGLE_GEMINI_BASE_URL` and the key from `GEMINI_API_KEY`; it speaks Google's generateContent API, which the gateway serves for every model: Gemini, Claude and GPT.",
    baseUrl: (u) => u.anthropic,
    reads: ["GOOGLE_GEMINI_BASE_URL", "GEMINI_API_KEY", "GEMINI_MODEL", "-m", "security.auth.selectedType"],
    models: GEMINI,
    steps: [
      {
        text: "In your shell:",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              `export GOOGLE_GEMINI_BASE_URL=${u.anthropic}`,
              `export GEMINI_API_KEY=${KEY}`,
              `gemini -m ${m}`,
            ].join("\n"),
        },
      },
      {
        text: "Without `-m` Gemini CLI picks its own default model (gemini-3.1-pro-preview), which this gateway offers. Any model on the docs page works, Claude and GPT included: `gemini -m claude-sonnet-4-6`.",
      },
      {
        text: 'In scripts (`gemini -p "…"`), Gemini CLI 0.61 needs its sign-in chosen in `~/.gemini/settings.json` (with only `GOOGLE_GEMINI_BASE_URL` set it stops with "Invalid auth method selected."), and `GEMINI_CLI_TRUST_WORKSPACE=true` (or `--skip-trust`):',
        snippet: {
          lang: "json",
          file: "~/.gemini/settings.json",
          code: () => '{ "security": { "auth": { "selectedType": "gemini-api-key" } } }',
        },
      },
    ],
    mistakes: [
      "Gemini CLI adds `/v1beta/models/<model>:streamGenerateContent` itself: the base URL ends at `/api/proxy`, with no `/v1` or `/v1beta`.",
      "Use `GEMINI_API_KEY`. Signing in with a Google account or setting Vertex AI variables sends requests to Google instead of this gateway.",
      "Grounding with Google Search (Gemini CLI's web search) is billed by Google per query beyond a monthly allowance no answer states, so this gateway refuses it (400 naming `tools.0.googleSearch`).",
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "openclaw",
    name: "OpenClaw",
    kind: "autonomous agent",
    style: "anthropic",
    summary:
      "OpenClaw, the self-hosted personal assistant, adds the gateway as a custom provider in `~/.openclaw/openclaw.json`: Anthropic Messages for Claude models, OpenAI-compatible for GPT.",
    baseUrl: (u) => u.anthropic,
    reads: [
      "~/.openclaw/openclaw.json",
      "models.providers",
      "baseUrl",
      "apiKey",
      '"api": "anthropic-messages"',
      '"api": "openai-completions"',
      "agents.defaults.model.primary",
      "CC_GATEWAY_API_KEY",
    ],
    models: ["claude-sonnet-4-6", "claude-opus-5-5", "claude-haiku-5-5", "gpt-5.5"],
    steps: [
      {
        text: "Give OpenClaw's gateway process your key (its service environment, or the `env` block of the config file):",
        snippet: { lang: "sh", code: () => `export CC_GATEWAY_API_KEY=${KEY}` },
      },
      {
        text: 'Add a provider for Claude models in `~/.openclaw/openclaw.json` (JSON5; `models.mode: "merge"` keeps OpenClaw\'s own providers). It speaks the Anthropic Messages API, so its `baseUrl` has no `/v1`:',
        snippet: {
          lang: "json",
          file: "~/.openclaw/openclaw.json",
          code: (u, m, limits) =>
            JSON.stringify(
              {
                models: {
                  mode: "merge",
                  providers: {
                    ccgateway: {
                      baseUrl: u.anthropic,
                      apiKey: ENV_KEY_REF,
                      api: "anthropic-messages",
                      models: [
                        {
                          id: m,
                          name: `${m} (cc-gateway)`,
                          contextWindow: limits.contextWindow,
                          maxTokens: limits.maxOutput,
                        },
                      ],
                    },
                  },
                },
                agents: { defaults: { model: { primary: `ccgateway/${m}` } } },
              },
              null,
              2,
            ),
        },
      },
      {
        text: "For GPT models add a second provider under `models.providers` that speaks the OpenAI-compatible API; its `baseUrl` ends with `/v1`:",
        snippet: {
          lang: "json",
          code: (u) =>
            JSON.stringify(
              {
                "ccgateway-openai": {
                  baseUrl: u.openai,
                  apiKey: ENV_KEY_REF,
                  api: "openai-completions",
                  models: [
                    {
                      id: "gpt-5.5",
                      name: "gpt-5.5 (cc-gateway)",
                      contextWindow: 1050000,
                      maxTokens: 128000,
                    },
                  ],
                },
              },
              null,
              2,
            ),
        },
      },
      {
        text: "Restart OpenClaw's gateway so it reads the file, then check and switch models from the CLI:",
        snippet: {
          lang: "sh",
          code: (_u, m) => ["openclaw models list", `openclaw models set ccgateway/${m}`].join("\n"),
        },
      },
    ],
    mistakes: [
      "`baseUrl` with the wrong suffix: `anthropic-messages` takes `…/api/proxy` (OpenClaw adds `/v1/messages`), `openai-completions` takes `…/api/proxy/v1`.",
      "A model reference is `<provider id>/<model id>` (`ccgateway/claude-sonnet-4-6`), and the model must also be listed in that provider's `models`: `agents.defaults` alone does not register it.",
      "Without `contextWindow` and `maxTokens` OpenClaw assumes 200,000 and 8,192 for a custom model; set them from the models table so long sessions and long answers are not cut short.",
      `\`\${CC_GATEWAY_API_KEY}\` is read from the environment of OpenClaw's gateway process, not from the shell you edit the file in.`,
      MODEL_MISTAKE,
    ],
  },
  {
    slug: "openhands",
    name: "OpenHands",
    kind: "autonomous agent",
    style: "openai",
    summary:
      "OpenHands, the open-source coding agent (web app or terminal), reaches models through LiteLLM: an `openai/` model name, the gateway's `/v1` base URL and your key.",
    baseUrl: (u) => u.openai,
    reads: [
      "Settings → LLM → Advanced",
      "Custom Model",
      "Base URL",
      "API Key",
      "LLM_MODEL",
      "LLM_BASE_URL",
      "LLM_API_KEY",
      "--override-with-envs",
    ],
    models: MIXED,
    steps: [
      {
        text: "In the web app (a self-hosted OpenHands, or the local one `openhands serve` starts): Settings → LLM, switch on Advanced and fill in:",
        snippet: {
          lang: "text",
          code: (u, m) => `Custom Model:  openai/${m}\nBase URL:      ${u.openai}\nAPI Key:       ${KEY}`,
        },
      },
      {
        text: "In the terminal app, type `/settings` inside `openhands`, choose the advanced settings and enter the same three values. For a one-off or headless run, pass them in the environment instead:",
        snippet: {
          lang: "sh",
          code: (u, m) =>
            [
              `export LLM_MODEL=openai/${m}`,
              `export LLM_BASE_URL=${u.openai}`,
              `export LLM_API_KEY=${KEY}`,
              "openhands --override-with-envs",
            ].join("\n"),
        },
      },
      {
        text: "OpenHands runs its agent in Docker. When this gateway runs on the same machine (a local `pnpm dev`), the container reaches it at `host.docker.internal`, not `localhost`:",
        snippet: {
          lang: "text",
          code: (u) => u.openai.replace(/\/\/(localhost|127\.0\.0\.1)(?=[:/])/, "//host.docker.internal"),
        },
      },
    ],
    mistakes: [
      "Forgetting the `openai/` prefix: LiteLLM then takes `claude-sonnet-4-6` for Anthropic's own API and sends your gateway key to api.anthropic.com (401).",
      "The Base URL must end with `/v1`: LiteLLM appends `/chat/completions`.",
      "The terminal app ignores `LLM_MODEL`, `LLM_BASE_URL` and `LLM_API_KEY` unless it is started with `--override-with-envs`.",
      MODEL_MISTAKE,
    ],
  },
];

export const toolBySlug = (slug: string): ToolGuide | undefined => TOOLS.find((t) => t.slug === slug);
