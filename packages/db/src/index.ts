export * as channelQueries from "./channels.ts";
export * as identityQueries from "./identity.ts";
export * as ledgerQueries from "./ledger-view.ts";
export * as operatorQueries from "./operator.ts";
export * as queries from "./queries.ts";
export * from "./schema.ts";
