/**
 * The one way a schema failure becomes a 400, for every wire format and every gateway route:
 * the message names the field at fault (`max_tokens: Too big: …`, as Anthropic words its own
 * 400s) and `param` carries the same dotted path (rendered where the format has a field for it,
 * OpenAI's `param`).
 */
import type { z } from "zod";
import { GatewayError } from "./errors.ts";

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface Located {
  path: Path;
  message: string;
}

/**
 * The issue that got furthest into the value. A union's issue nests the issues of each branch:
 * the branch that got deepest names the field at fault. When no branch got past the union's own
 * value, the union is reported with the types it accepts.
 */
function deepest(issues: readonly Issue[]): Located | undefined {
  let best: Located | undefined;
  for (const issue of issues) {
    const candidate = issue.code === "invalid_union" ? unionIssue(issue) : issue;
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function unionIssue(issue: z.core.$ZodIssueInvalidUnion): Located {
  const branches = issue.errors.flat();
  const inner = deepest(branches);
  if (inner && inner.path.length > 0) return { path: [...issue.path, ...inner.path], message: inner.message };
  const expected = branches.flatMap((b) =>
    b.code === "invalid_type" && b.path.length === 0 ? [b.expected] : [],
  );
  if (expected.length > 0 && expected.length === branches.length) {
    return { path: issue.path, message: `Invalid input: expected ${[...new Set(expected)].join(" or ")}` };
  }
  return { path: issue.path, message: inner?.message ?? issue.message };
}

/**
 * A 400 `invalid_request` for zod issues. `at` is where the validated value sits in the request
 * body (`messages.0.content.2`) when it is not the body itself.
 */
export function invalidRequestFromIssues(issues: readonly Issue[], at?: string): GatewayError {
  const issue = deepest(issues);
  const param = [...(at ? [at] : []), ...(issue?.path ?? []).map(String)].join(".");
  const problem = issue?.message ?? "Invalid input";
  if (param === "") return new GatewayError("invalid_request", `Request body: ${problem}`);
  return new GatewayError("invalid_request", `${param}: ${problem}`, { param });
}

/** `value` parsed by `schema`, or a 400 naming the field at fault ({@link invalidRequestFromIssues}). */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, at?: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidRequestFromIssues(parsed.error.issues, at);
}
