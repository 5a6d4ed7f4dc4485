import type { z } from "zod";
import type { AppContext } from "../context.ts";
import { badRequest } from "./errors.ts";

/** OpenAI's parameter path style: `messages[0].content`. */
function paramOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === "number" ? `${out}[${p}]` : out === "" ? String(p) : `${out}.${String(p)}`),
    "",
  );
}

type Issue = z.core.$ZodIssue;

/** Inside a union, the branch that got furthest explains the error best (e.g. `input[0].arguments`). */
function deepest(issue: Issue, base: readonly PropertyKey[] = []): { issue: Issue; path: PropertyKey[] } {
  const path = [...base, ...issue.path];
  if (issue.code !== "invalid_union") return { issue, path };
  let best: { issue: Issue; path: PropertyKey[] } = { issue, path };
  for (const branch of issue.errors) {
    for (const sub of branch) {
      const found = deepest(sub, path);
      if (found.path.length > best.path.length) best = found;
    }
  }
  return best;
}

/** The first issue as OpenAI words it: missing_required_parameter, invalid_type, or invalid_value. */
function describe(error: z.ZodError): Response {
  const first = error.issues[0];
  if (!first) return badRequest("Invalid request.");
  const { issue, path } = deepest(first);
  const param = paramOf(path);
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return badRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  }
  if (issue.code === "invalid_type") {
    return badRequest(
      `Invalid type for '${param || "body"}': ${issue.message}.`,
      param || null,
      "invalid_type",
    );
  }
  return badRequest(
    `Invalid value for '${param || "body"}': ${issue.message}.`,
    param || null,
    "invalid_value",
  );
}

/** The body (read once by the recorder) validated against a permissive schema, or a 400. */
export function parseOpenAi<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> | Response {
  const body = c.get("body");
  if (body.kind !== "json") {
    return badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  const result = schema.safeParse(body.value);
  return result.success ? result.data : describe(result.error);
}
