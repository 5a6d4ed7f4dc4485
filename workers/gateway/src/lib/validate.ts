import { parseRequest } from "@cc/formats";

/**
 * Parses with a zod schema; a failure is a 400 naming the field at fault. The gateway's own
 * routes (admin, account API, Anthropic Messages) use the same mapper as every wire format.
 */
export const validate = parseRequest;
