import { GatewayError } from "@cc/formats";
import type { z } from "zod";

/** Parses with a zod schema; a failure is a 400 naming the first offending field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") || undefined;
  const message = path ? `${path}: ${issue?.message}` : (issue?.message ?? "Invalid request body.");
  throw new GatewayError("invalid_request", message, path ? { param: path } : {});
}
