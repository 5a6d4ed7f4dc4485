export * as queries from "./queries.ts";
export * from "./schema.ts";
