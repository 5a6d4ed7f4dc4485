import { randomBase62 } from "@cc/web-crypto";

export const newRequestId = () => `req_${randomBase62(16)}`;
export const newAccountId = () => `acct_${randomBase62(12)}`;
export const newKeyId = () => `key_${randomBase62(12)}`;
export const newUserId = () => `user_${randomBase62(12)}`;
export const newChannelId = () => `ch_${randomBase62(12)}`;
/** A response the gateway answers itself (a WebSocket warm-up), in OpenAI's `resp_` form. */
export const newResponseId = () => `resp_${randomBase62(24)}`;
