/**
 * Generated malformed requests for the four POST routes of the proxy. Deterministic: the same
 * seed gives the same cases, and a case's name says how it was made, so a failure can be
 * replayed. Every case is malformed in a way the gateway itself must refuse (a 400 or 413 in
 * the caller's format) before any upstream call or charge.
 */

export type Route = "messages" | "count_tokens" | "chat" | "responses";

export const ROUTE_PATHS: Record<Route, string> = {
  messages: "/api/proxy/v1/messages",
  count_tokens: "/api/proxy/v1/messages/count_tokens",
  chat: "/api/proxy/v1/chat/completions",
  responses: "/api/proxy/v1/responses",
};

export interface HostileCase {
  name: string;
  route: Route;
  /** Built on demand: a stream can be sent once. */
  body: () => BodyInit | null;
  headers: Record<string, string>;
  /** The status the gateway must answer. */
  status: 400 | 413;
  /** For a 400 about one field: the path the answer must name (OpenAI `param`, Anthropic message). */
  field?: string;
}

/** mulberry32: a small seeded PRNG, enough for picking cases. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

const CLAUDE = "claude-sonnet-4-6";
const GPT = "gpt-5.5";
const user = (content: unknown) => ({ role: "user", content });

/** A valid body for each route; each case breaks exactly one thing in it. */
function validBody(route: Route, r: Rng): Record<string, unknown> {
  const model = route === "count_tokens" ? CLAUDE : r.pick([CLAUDE, GPT]);
  switch (route) {
    case "messages":
      return { model, max_tokens: 16, messages: [user("Hello")] };
    case "count_tokens":
      return { model, messages: [user("Hello")] };
    case "chat":
      return { model, max_tokens: 16, messages: [user("Hello")] };
    case "responses":
      return { model, max_output_tokens: 16, input: "Hello" };
  }
}

// Values that are valid JSON of the wrong kind, and numbers no count can be.
const HUGE_NUMBERS = [2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e20, 1e308, -1e308, 1e100];
const NOT_A_STRING = [5, true, [], {}, ["x"], { text: "x" }, -0.5];
const NOT_A_BOOLEAN = ["true", 1, 0, [], {}, "yes"];
const NOT_AN_OBJECT = ["x", 5, true, [], [{}]];
const NOT_AN_ARRAY = ["x", 5, true, {}, { 0: "x" }];
const BAD_TOKEN_CAP = ["16", true, [], {}, 1.5, -1, -0.5, 16.000001, ...HUGE_NUMBERS];

/**
 * For each route, each field it checks and values that field must refuse. `null` is listed
 * only where the vendor refuses it (Anthropic's optional fields); OpenAI's accept null.
 */
const WRONG: Record<Route, Record<string, readonly unknown[]>> = {
  messages: {
    model: [5, null, "", [], {}, true],
    max_tokens: [null, ...BAD_TOKEN_CAP],
    messages: [
      null,
      ...NOT_AN_ARRAY,
      [5],
      [null],
      [[]],
      [{ role: "user" }],
      [{ content: "x" }],
      [{ role: "user", content: 5 }],
      [{ role: "user", content: [5] }],
      [{ role: "user", content: [{}] }],
      [{ role: "user", content: [{ type: 5 }] }],
      [{ role: "user", content: null }],
    ],
    stream: [null, ...NOT_A_BOOLEAN],
    system: [null, 5, true, {}, [5], [{}], [{ type: 5 }]],
    tools: [null, ...NOT_AN_ARRAY, [5], [null], [{ name: 5 }], [{ type: 5 }]],
    tool_choice: [null, "auto", 5, [], { type: 5 }, {}],
    thinking: [null, ...NOT_AN_OBJECT, {}, { type: 5 }],
    stop_sequences: [null, "STOP", [5], [null], {}],
    metadata: [null, ...NOT_AN_OBJECT, { user_id: 5 }],
    temperature: [null, "1", 1.5, -0.1, 1e308, true, []],
    top_p: [null, "0.5", 1.1, -1, {}],
    top_k: [null, "5", 1.5, -1, 1e308],
  },
  count_tokens: {
    model: [5, null, "", [], {}, true],
    messages: [null, ...NOT_AN_ARRAY, [5], [null], [{ role: "user" }], [{ role: "user", content: 5 }]],
    system: [null, 5, true, {}, [5], [{}]],
    tools: [null, ...NOT_AN_ARRAY, [5], [{ name: 5 }]],
    tool_choice: [null, "auto", 5, [], {}],
    thinking: [null, "enabled", 5, [], {}],
  },
  chat: {
    model: [5, null, "", [], {}, true],
    messages: [
      null,
      ...NOT_AN_ARRAY,
      [5],
      [null],
      [{ role: "user" }],
      [{ role: "user", content: 5 }],
      [{ role: "user", content: [5] }],
      [{ role: "user", content: [{ type: "text" }] }],
      [{ role: "user", content: [{ type: "image_url" }] }],
      [{ role: "user", content: [{ type: "bogus", text: "x" }] }],
      [{ role: "tool", content: "x" }],
      [{ role: "assistant", content: "x", tool_calls: [{ id: "c" }] }],
      [{ role: "system", content: 5 }],
    ],
    max_tokens: BAD_TOKEN_CAP,
    max_completion_tokens: BAD_TOKEN_CAP,
    n: [0, -1, 1.5, "2", 129, true, ...HUGE_NUMBERS],
    temperature: ["1", 2.5, -0.1, 1e308, true, []],
    top_p: ["0.5", 1.1, -1, {}],
    stream: NOT_A_BOOLEAN,
    stream_options: [...NOT_AN_OBJECT, { include_usage: "yes" }],
    stop: [5, [5], {}, true],
    tools: [...NOT_AN_ARRAY, [5], [{ type: "function" }], [{ type: "function", function: { name: "" } }]],
    tool_choice: ["bogus", 5, [], { type: "function" }],
    parallel_tool_calls: NOT_A_BOOLEAN,
    reasoning_effort: ["huge", 5, true],
    response_format: ["json", 5, { type: "bogus" }, { type: "json_schema" }],
    user: NOT_A_STRING,
    metadata: ["x", 5, true],
    thinking: ["on", 5, { type: "bogus" }, { type: "enabled", budget_tokens: -1 }],
  },
  responses: {
    model: [5, null, "", [], {}, true],
    input: [
      5,
      true,
      {},
      [5],
      [null],
      [{ role: "bogus", content: "x" }],
      [{ role: "user", content: 5 }],
      [{ type: "message", role: "user", content: [{ type: "input_text" }] }],
      [{ type: "function_call", name: "f", arguments: "{}" }],
      [{ type: "function_call_output", call_id: "c" }],
    ],
    instructions: [5, true, {}, [5], [{}]],
    max_output_tokens: [0, ...BAD_TOKEN_CAP],
    temperature: ["1", 2.5, -0.1, 1e308, true],
    top_p: ["0.5", 1.1, -1],
    stream: NOT_A_BOOLEAN,
    store: NOT_A_BOOLEAN,
    tools: [...NOT_AN_ARRAY, [5], [{ type: "function" }], [{ type: "function", name: "" }]],
    tool_choice: ["bogus", 5, [], { type: 5 }],
    parallel_tool_calls: NOT_A_BOOLEAN,
    reasoning: [...NOT_AN_OBJECT, { effort: "huge" }],
    include: ["x", 5, [5]],
    text: ["x", 5, { format: { type: "bogus" } }],
    prompt_cache_key: NOT_A_STRING,
    previous_response_id: NOT_A_STRING,
    metadata: ["x", 5, true],
    client_metadata: ["x", 5, true],
  },
};

/** Fields a route requires: leaving one out is a 400 naming it. */
const REQUIRED: Record<Route, readonly string[]> = {
  // max_tokens may be left out: the gateway sends its documented default (4096).
  messages: ["model", "messages"],
  count_tokens: ["model", "messages"],
  chat: ["model", "messages"],
  responses: ["model"],
};

/** Where a role is read, and roles that are not one. */
const UNKNOWN_ROLES = ["bogus", "function", "model", "", "USER", "tool_result", "human"];

const json = (route: Route, body: unknown, extra: Partial<HostileCase> & { name: string }): HostileCase => {
  const text = JSON.stringify(body);
  return { route, body: () => text, headers: {}, status: 400, ...extra };
};

/** Deep nesting `depth` levels of `[` or `{"a":`, closed. */
const nested = (depth: number, kind: "array" | "object") =>
  kind === "array"
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** `body` as a ReadableStream in chunks of random size, with no Content-Length. */
function chunked(bytes: Uint8Array, r: Rng, maxChunk: number): () => ReadableStream<Uint8Array> {
  // At most a few hundred chunks: tiny pieces of a megabyte would only test the test's speed.
  const max = Math.max(maxChunk, Math.ceil(bytes.byteLength / 256));
  const cuts: number[] = [];
  for (let at = 0; at < bytes.byteLength; ) {
    cuts.push(at);
    at += r.int(1, max);
  }
  return () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        cuts.forEach((at, i) => {
          controller.enqueue(bytes.slice(at, cuts[i + 1] ?? bytes.byteLength));
        });
        controller.close();
      },
    });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Invalid UTF-8: a lone continuation byte, an overlong form, an encoded surrogate, a cut sequence… */
const BAD_UTF8 = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80],
  [0xe2, 0x82],
];

/** All cases for one route, `count` of them. */
function casesFor(route: Route, count: number, r: Rng): HostileCase[] {
  const out: HostileCase[] = [];
  const fields = Object.keys(WRONG[route]);
  const makers: Array<() => HostileCase> = [
    // A field of the wrong type or out of range.
    () => {
      const field = r.pick(fields);
      const value = r.pick(WRONG[route][field]!);
      return json(
        route,
        { ...validBody(route, r), [field]: value },
        {
          name: `${route} wrong ${field}=${JSON.stringify(value)}`,
          field,
        },
      );
    },
    // A required field left out.
    () => {
      const field = r.pick(REQUIRED[route]);
      const body = validBody(route, r);
      delete body[field];
      return json(route, body, { name: `${route} missing ${field}`, field });
    },
    // Numbers too big for any count, written as JSON text (beyond what JSON.stringify writes).
    () => {
      const field =
        route === "responses" ? "max_output_tokens" : route === "count_tokens" ? "top_k" : "max_tokens";
      if (route === "count_tokens") {
        const text = r.pick(["1e400", "-1e400", "123456789012345678901234567890"]);
        const raw = JSON.stringify(validBody(route, r)).replace('"messages":', `"messages":${text},"x":`);
        return {
          route,
          name: `${route} messages=${text}`,
          body: () => raw,
          headers: {},
          status: 400,
          field: "messages",
        };
      }
      const text = r.pick([
        "1e400",
        "9007199254740991",
        "9007199254740993",
        "4503599627370496",
        "123456789012345678901234567890",
        "1e308",
        "-1e400",
        "1.5e9",
        "100000001",
      ]);
      const raw = JSON.stringify({ ...validBody(route, r), [field]: 7 }).replace(
        `"${field}":7`,
        `"${field}":${text}`,
      );
      return { route, name: `${route} ${field}=${text}`, body: () => raw, headers: {}, status: 400, field };
    },
    // Truncated JSON: any strict prefix of an object's text is not JSON.
    () => {
      const text = JSON.stringify(validBody(route, r));
      const at = r.int(0, text.length - 1);
      return {
        route,
        name: `${route} truncated at ${at}`,
        body: () => text.slice(0, at),
        headers: {},
        status: 400,
      };
    },
    // Bad JSON that is not a prefix.
    () => {
      const bad = r.pick([
        "{model:1}",
        "{'model':'x'}",
        '{"model":"x",}',
        '{"a":1}}',
        "NaN",
        "undefined",
        '{"a":01}',
        '{"a":"\\x41"}',
        '{"a":"tab\there"}',
        "[1,2",
        "}{",
        '{"a" 1}',
        "\u0000",
        '{"a":.5}',
      ]);
      return json(route, 0, { name: `${route} bad JSON ${JSON.stringify(bad)}`, body: () => bad });
    },
    // Not an object at the top level.
    () => {
      const top = r.pick([
        "null",
        "[]",
        "1",
        '"text"',
        "true",
        "false",
        "-0",
        `[${JSON.stringify(validBody(route, r))}]`,
      ]);
      return json(route, 0, { name: `${route} top-level ${top.slice(0, 20)}`, body: () => top });
    },
    // Empty bodies.
    () => {
      const empty = r.pick(["", " ", "\n\t ", null]);
      return json(route, 0, { name: `${route} empty ${JSON.stringify(empty)}`, body: () => empty });
    },
    // Deep nesting: at the top, and where a field of another kind is expected.
    () => {
      const depth = r.pick([1_000, 5_000, 10_000, 10_000]);
      const kind = r.pick(["array", "object"] as const);
      const where = r.pick(["top", ...REQUIRED[route]]);
      if (where === "top") {
        const text = nested(depth, "array");
        return json(route, 0, { name: `${route} ${depth}-deep array at top`, body: () => text });
      }
      const raw = JSON.stringify({ ...validBody(route, r), [where]: 7 }).replace(
        `"${where}":7`,
        `"${where}":${nested(depth, kind === "object" && where === "messages" ? "array" : kind)}`,
      );
      return {
        route,
        name: `${route} ${depth}-deep ${kind} in ${where}`,
        body: () => raw,
        headers: {},
        status: 400,
        field: where,
      };
    },
    // Invalid UTF-8 inside an otherwise valid body.
    () => {
      const text = JSON.stringify(validBody(route, r));
      const at = text.indexOf("Hello") + r.int(0, 5);
      const bad = r.pick(BAD_UTF8);
      const bytes = new Uint8Array([...utf8(text.slice(0, at)), ...bad, ...utf8(text.slice(at))]);
      return {
        route,
        name: `${route} invalid UTF-8 ${bad.map((b) => b.toString(16)).join(" ")}`,
        body: () => bytes,
        headers: {},
        status: 400,
      };
    },
    // A lone surrogate escape (the vendors refuse it as invalid JSON).
    () => {
      const surrogate = r.pick(["\\ud800", "\\udfff", "\\ud83d x", "\\ude00\\ud83d"]);
      const text = JSON.stringify(validBody(route, r)).replace("Hello", `Hello ${surrogate}`);
      return json(route, 0, { name: `${route} lone surrogate ${surrogate}`, body: () => text });
    },
    // A valid body with a content type that is not JSON, or none.
    () => {
      const text = JSON.stringify(validBody(route, r));
      const type = r.pick([
        null,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "text/json",
        "application/xml",
        "json",
      ]);
      // A byte body gets no content type of its own; "" below means: send no Content-Type.
      const bytes = utf8(text);
      return {
        route,
        name: `${route} content-type ${JSON.stringify(type)}`,
        body: () => bytes,
        headers: type === null ? { "content-type": "" } : { "content-type": type },
        status: 400,
      };
    },
    // An unknown role.
    () => {
      const role = r.pick(UNKNOWN_ROLES);
      const body = validBody(route, r);
      if (route === "responses") body.input = [{ role, content: "Hello" }];
      else body.messages = [{ role, content: "Hello" }];
      const field = route === "responses" ? "input.0" : "messages.0.role";
      return json(route, body, { name: `${route} role ${JSON.stringify(role)}`, field });
    },
    // A huge string where something else is expected.
    () => {
      const size = r.pick([100_000, 1_000_000, 3_000_000]);
      const huge = "x".repeat(size);
      const body = validBody(route, r);
      const where = r.pick(
        route === "responses"
          ? (["max_output_tokens", "stream", "input.role"] as const)
          : (["max_tokens", "stream", "messages.role"] as const),
      );
      let field: string;
      if (where === "input.role") {
        body.input = [{ role: huge, content: "Hello" }];
        field = "input.0";
      } else if (where === "messages.role") {
        body.messages = [{ role: huge, content: "Hello" }];
        field = "messages.0.role";
      } else if (route === "count_tokens") {
        body.system = [huge];
        field = "system";
      } else {
        body[where] = huge;
        field = where;
      }
      return json(route, body, { name: `${route} ${size}-char string in ${where}`, field });
    },
  ];
  // Delivery: most cases as a plain body; some re-sent as a chunked stream without length.
  for (let i = 0; i < count; i++) {
    const c = r.pick(makers)();
    if (r.next() < 0.2) {
      const raw = c.body();
      if (raw !== null) {
        const bytes = typeof raw === "string" ? utf8(raw) : (raw as Uint8Array);
        const type = c.headers["content-type"] ?? "application/json";
        out.push({
          ...c,
          name: `${c.name} (chunked)`,
          body: chunked(bytes, r, r.pick([7, 512, 65_536])),
          headers: { ...c.headers, "content-type": type },
        });
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

/** Bodies over 32 MB, with a Content-Length and chunked: a few per route (they are slow to make). */
export function oversizedCases(r: Rng, big: Uint8Array): HostileCase[] {
  return (Object.keys(ROUTE_PATHS) as Route[]).flatMap((route) => [
    { route, name: `${route} 32 MB + 1 with length`, body: () => big, headers: {}, status: 413 as const },
    {
      route,
      name: `${route} 32 MB + 1 chunked`,
      body: chunked(big, r, 1024 * 1024),
      headers: {},
      status: 413 as const,
    },
  ]);
}

/** `perRoute` generated cases for each route, from `seed`. */
export function hostileCases(seed: number, perRoute: number): HostileCase[] {
  const r = rng(seed);
  return (Object.keys(ROUTE_PATHS) as Route[]).flatMap((route) => casesFor(route, perRoute, r));
}
