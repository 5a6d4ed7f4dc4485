// The reader moved to lib/ so the dashboard shares it; kept here until the routes import it from there.
export { MAX_BODY_BYTES, readJsonBody } from "../lib/read-body.ts";
