/**
 * Code-execution containers (https://platform.claude.com/docs/en/agents-and-tools/tool-use/code-execution-tool):
 * a request with a code-execution tool runs in a container, new or named by `container`, and
 * the Message says which (`container: {id, expires_at}`). A container lives 30 days here. In the
 * isolate's memory, like the other mock state.
 */
import type { MessagesRequest } from "./schema.ts";

const LIFETIME_MS = 30 * 24 * 60 * 60_000;
const containers = new Map<string, number>();

export interface ContainerInfo {
  id: string;
  expires_at: string;
}

type Lookup = { ok: true; container: ContainerInfo | null } | { ok: false; message: string };

/** The id a request names in `container` (a string, or `{id}`), if any. */
function named(container: unknown): string | undefined {
  if (typeof container === "string") return container;
  const id = (container as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The container a request runs in: the one it names (which must exist), a new one when it offers
 * a code-execution tool, else none.
 */
export function containerFor(req: MessagesRequest, requestNumber: number, now = Date.now()): Lookup {
  const id = named((req as { container?: unknown }).container);
  if (id !== undefined) {
    const expiresAt = containers.get(id);
    if (expiresAt === undefined || expiresAt <= now)
      return { ok: false, message: `Container with id '${id}' not found.` };
    return { ok: true, container: { id, expires_at: new Date(expiresAt).toISOString() } };
  }
  const runsCode = (req.tools ?? []).some((t) =>
    String((t as { type?: unknown }).type ?? "").startsWith("code_execution"),
  );
  if (!runsCode) return { ok: true, container: null };
  const created = `container_mock_${requestNumber}`;
  containers.set(created, now + LIFETIME_MS);
  return { ok: true, container: { id: created, expires_at: new Date(now + LIFETIME_MS).toISOString() } };
}
