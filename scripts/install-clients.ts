/**
 * Installs the real CLIs that `pnpm test:clients` drives — Claude Code, Codex and Gemini CLI, pinned —
 * into a cache folder outside the workspace (they are large native binaries from the npm
 * registry; no project dependency needs them). Prints the folder.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export const CLIENT_PACKAGES = [
  "@anthropic-ai/claude-code@2.1.331",
  "@openai/codex@0.169.0",
  "@google/gemini-cli@0.61.0",
];

/** The commands the packages put in node_modules/.bin: every one must be there. */
const BINS = ["claude", "codex", "gemini"];

export function clientsDir(): string {
  return path.join(process.env.CC_CACHE_DIR ?? path.join(homedir(), ".cache", "cc-gateway"), "clients");
}

export function installClients(): string {
  const dir = clientsDir();
  const bin = path.join(dir, "node_modules", ".bin");
  if (BINS.every((name) => existsSync(path.join(bin, name)))) return dir;
  console.log(`clients: installing ${CLIENT_PACKAGES.join(", ")} into ${dir}`);
  execFileSync(
    "npm",
    [
      "install",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefix",
      dir,
      ...CLIENT_PACKAGES,
    ],
    { stdio: "inherit" },
  );
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(installClients());
