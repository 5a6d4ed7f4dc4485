import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { readDevEnv } from "../scripts/lib/dev-env.ts";
import { DEMO_KEY, fundDemo, migrateLocal, seedDemo, startStack } from "../scripts/lib/stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    demoKey: string;
    adminToken: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });

/** What the e2e tests need from the machine beyond node_modules; one line each on how to get it. */
function checkMachine(): void {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium))
    throw new Error(
      `Chromium not found at ${chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; .ci/run does both`,
    );
}

export default async function setup(project: TestProject) {
  checkMachine();
  const persistTo = mkdtempSync(path.join(tmpdir(), "cc-gateway-e2e-"));
  migrateLocal(persistTo);
  seedDemo(persistTo);
  const stack = await startStack({ port: await freePort(), persistTo });
  const adminToken = readDevEnv().ADMIN_TOKEN ?? "";
  await fundDemo(stack.url, adminToken);
  project.provide("baseUrl", stack.url);
  project.provide("demoKey", DEMO_KEY);
  project.provide("adminToken", adminToken);
  return async () => {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
