import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The development defaults in dev.env (KEY=VALUE lines), for tests and `pnpm dev`. */
export function readDevEnv(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path.join(root, "dev.env"), "utf8").split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}
