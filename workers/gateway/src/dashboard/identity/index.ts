export { attempt, RESETS_PER_ADDRESS, RESETS_PER_NETWORK, VERIFICATIONS_PER_USER } from "./throttle.ts";
export { sendPasswordReset, sendVerification, TOKEN_TTL_MS, tokenId } from "./tokens.ts";
