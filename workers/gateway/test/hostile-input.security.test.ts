import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hasLoneSurrogateEscape, MAX_BODY_BYTES } from "../src/lib/read-body.ts";
import {
  adminFetch,
  BASE,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  type TestKey,
  usageRows,
} from "./helpers.ts";
import {
  type HostileCase,
  hostileCases,
  oversizedCases,
  ROUTE_PATHS,
  rng,
} from "./hostile-input.generator.ts";

// Change the seed to explore; a failure names its case, and the same seed replays it.
const SEED = 0x5eed_2026;
const PER_ROUTE = 800;
const BATCH = 50;

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey({ usd: "10" });
});

interface Outcome {
  kase: HostileCase;
  status: number;
  contentType: string | null;
  body: unknown;
}

async function send(kase: HostileCase): Promise<Outcome> {
  const headers = new Headers({ "x-api-key": caller.key, "content-type": "application/json" });
  for (const [name, value] of Object.entries(kase.headers)) {
    if (value === "") headers.delete(name);
    else headers.set(name, value);
  }
  const res = await exports.default.fetch(`${BASE}${ROUTE_PATHS[kase.route]}`, {
    method: "POST",
    headers,
    body: kase.body(),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Kept as text: the check below reports it.
  }
  return { kase, status: res.status, contentType: res.headers.get("content-type"), body };
}

const ANTHROPIC_TYPE: Record<number, string> = { 400: "invalid_request_error", 413: "request_too_large" };

/** What is wrong with an answer, or undefined when it is the typed error the case calls for. */
function problem({ kase, status, contentType, body }: Outcome): string | undefined {
  if (status !== kase.status)
    return `status ${status}, expected ${kase.status}: ${JSON.stringify(body).slice(0, 200)}`;
  if (!contentType?.startsWith("application/json")) return `content-type ${contentType}`;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (!isObject(body) || !isObject(body.error))
    return `not an error body: ${JSON.stringify(body).slice(0, 200)}`;
  const error = body.error;
  if (typeof error.message !== "string" || error.message === "") return "no error.message";
  if (kase.route === "messages" || kase.route === "count_tokens") {
    // Anthropic: {type:"error", error:{type, message}}.
    if (body.type !== "error") return `type ${String(body.type)}`;
    if (error.type !== ANTHROPIC_TYPE[status]) return `error.type ${String(error.type)}`;
    if (kase.field && !error.message.startsWith(kase.field))
      return `message does not name ${kase.field}: ${error.message}`;
  } else {
    // OpenAI: {error:{message, type, param, code}}, all four present.
    for (const key of ["message", "type", "param", "code"]) if (!(key in error)) return `no error.${key}`;
    if (error.type !== "invalid_request_error") return `error.type ${String(error.type)}`;
    if (kase.field && !(typeof error.param === "string" && error.param.startsWith(kase.field))) {
      return `param ${String(error.param)}, expected ${kase.field}…: ${error.message}`;
    }
  }
  return undefined;
}

async function runAll(cases: HostileCase[]): Promise<string[]> {
  const failures: string[] = [];
  for (let i = 0; i < cases.length; i += BATCH) {
    const outcomes = await Promise.all(cases.slice(i, i + BATCH).map(send));
    for (const outcome of outcomes) {
      const wrong = problem(outcome);
      if (wrong) failures.push(`${outcome.kase.name}: ${wrong}`);
    }
  }
  return failures;
}

describe("hostile input: generated malformed requests on the four POST routes", () => {
  it(`${PER_ROUTE * 4} generated cases and 8 oversized bodies: typed 400/413s in the caller's format, no upstream call, no charge`, async () => {
    const before = (await (await adminFetch(`/accounts/${caller.accountId}/ledger`)).json()) as {
      balance_nano: number;
      entries: unknown[];
    };
    await clearMockRequests();

    const cases = hostileCases(SEED, PER_ROUTE);
    const big = new Uint8Array(MAX_BODY_BYTES + 1).fill(0x20);
    const failures = [...(await runAll(cases)), ...(await runAll(oversizedCases(rng(SEED), big)))];
    expect(failures.slice(0, 25)).toEqual([]);
    expect(failures).toHaveLength(0);

    // Nothing reached a vendor…
    expect(await mockRequests()).toEqual([]);
    // …and nothing was charged, reserved or logged as usage.
    const after = (await (
      await adminFetch(`/accounts/${caller.accountId}/ledger`)
    ).json()) as typeof before & {
      reserved_nano: number;
    };
    expect(after.balance_nano).toBe(before.balance_nano);
    expect(after.reserved_nano).toBe(0);
    expect(after.entries).toEqual(before.entries);
    expect(await usageRows(caller.accountId)).toEqual([]);
  });

  it("covers every kind of malformation the suite promises, on every route", () => {
    const names = hostileCases(SEED, PER_ROUTE).map((c) => `${c.route} ${c.name}`);
    for (const route of Object.keys(ROUTE_PATHS)) {
      for (const kind of [
        " wrong ",
        " missing ",
        "truncated at",
        "bad JSON",
        "top-level",
        " empty ",
        "-deep ",
        "invalid UTF-8",
        "lone surrogate",
        "content-type",
        " role ",
        "-char string",
        "(chunked)",
        "1e400",
      ]) {
        expect([route, kind, names.some((n) => n.startsWith(route) && n.includes(kind))]).toEqual([
          route,
          kind,
          true,
        ]);
      }
    }
  });
});

describe("lone surrogate escapes", () => {
  it("finds an unpaired \\uD800–\\uDFFF escape and nothing else", () => {
    expect(hasLoneSurrogateEscape('{"a":"\\ud800"}')).toBe(true);
    expect(hasLoneSurrogateEscape('{"a":"\\udc00\\ud800"}')).toBe(true);
    expect(hasLoneSurrogateEscape('{"a":"\\ud800x\\udc00"}')).toBe(true);
    expect(hasLoneSurrogateEscape('{"a":"\\ud800\\u0041"}')).toBe(true);
    expect(hasLoneSurrogateEscape('{"a":"\\ud83d\\ude00"}')).toBe(false);
    expect(hasLoneSurrogateEscape('{"a":"\\\\ud800"}')).toBe(false);
    expect(hasLoneSurrogateEscape('{"a":"\\\\\\ud83d\\ude00\\u00e9"}')).toBe(false);
    expect(hasLoneSurrogateEscape('{"a":"plain 😀"}')).toBe(false);
  });
});
