/**
 * A tool input that validates against the tool's input_schema: every `required` property is
 * filled by its JSON-schema type (string → "mock", number/integer → 1 clamped into
 * minimum/maximum, boolean → true, array → [] or one item when minItems > 0, object → its own
 * required properties, enum → first value, const → the const, default → the default;
 * anyOf/oneOf/allOf → the first branch). A few well-known property names get a sensible string.
 * Optional properties are left out.
 */
type Schema = Record<string, unknown>;

const NAMED_STRINGS: Record<string, string> = {
  command: "echo mock",
  cmd: "echo mock",
  path: "/tmp/mock.txt",
  file_path: "/tmp/mock.txt",
  filepath: "/tmp/mock.txt",
  query: "mock query",
  pattern: "mock",
  url: "https://example.com/",
};

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

function typeOf(schema: Schema): string | undefined {
  const t = schema.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === "string" && x !== "null");
  if (schema.properties !== undefined) return "object";
  return undefined;
}

function number(schema: Schema, integer: boolean): number {
  let n = 1;
  if (typeof schema.minimum === "number") n = Math.max(n, schema.minimum);
  if (typeof schema.exclusiveMinimum === "number") n = Math.max(n, schema.exclusiveMinimum + 1);
  if (typeof schema.maximum === "number") n = Math.min(n, schema.maximum);
  return integer ? Math.ceil(n) : n;
}

function fillObject(schema: Schema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = asSchema(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === "string") out[key] = fillValue(asSchema(properties[key]), key, depth + 1);
  }
  return out;
}

export function fillValue(schema: Schema, name: string, depth = 0): unknown {
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("default" in schema) return schema.default;
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) return fillValue(asSchema(branches[0]), name, depth);
  }
  if (depth > 8) return null; // recursive schemas: stop somewhere
  switch (typeOf(schema)) {
    case "number":
      return number(schema, false);
    case "integer":
      return number(schema, true);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      return Array.from({ length: min }, () => fillValue(asSchema(schema.items), name, depth + 1));
    }
    case "object":
      return fillObject(schema, depth);
    default: {
      const min = typeof schema.minLength === "number" ? schema.minLength : 0;
      return (NAMED_STRINGS[name.toLowerCase()] ?? "mock").padEnd(min, "x");
    }
  }
}

export function fillToolInput(inputSchema: unknown): Record<string, unknown> {
  return fillObject(asSchema(inputSchema), 0);
}
