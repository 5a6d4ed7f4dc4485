import type { TestProject } from "vitest/node";
import { installClients } from "../scripts/install-clients.ts";

declare module "vitest" {
  export interface ProvidedContext {
    clientsDir: string;
  }
}

export default function setup(project: TestProject) {
  project.provide("clientsDir", installClients());
}
