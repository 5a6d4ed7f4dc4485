export { BodyTooLargeError, readBodyCapped } from "./read-capped.ts";
