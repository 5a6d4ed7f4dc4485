import type { z } from "zod";
import { ProcessorError } from "./types.ts";

/**
 * One JSON call to a processor's API, validated with `schema`. 404 → undefined (the processor
 * does not know the id); network errors, other non-2xx answers and unexpected shapes throw
 * ProcessorError, which the callers turn into a 5xx so the processor (or the cron) tries again.
 */
export async function requestJson<S extends z.ZodType>(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  schema: S,
): Promise<z.infer<S> | undefined> {
  let res: Response;
  try {
    res = await fetchFn(url, init);
  } catch (err) {
    throw new ProcessorError(`${init.method ?? "GET"} ${url}: ${String(err)}`);
  }
  if (res.status === 404) return undefined;
  const text = await res.text();
  if (!res.ok)
    throw new ProcessorError(`${init.method ?? "GET"} ${url}: ${res.status} ${text.slice(0, 200)}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProcessorError(`${url}: the answer is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ProcessorError(`${url}: unexpected answer: ${parsed.error.message}`);
  return parsed.data;
}

/** Ids arrive as JSON numbers or strings depending on the endpoint: normalise to strings. */
export const idString = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined || v === "" ? null : String(v);

/** Parses a verified callback body as JSON; undefined when it is not. */
export function parseJsonBody(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return undefined;
  }
}
