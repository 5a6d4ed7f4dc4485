/**
 * Whether this deployment may run its development conveniences: the dev outbox (every email,
 * reset links included, readable at /dev/outbox), the admin token's console sign-in. Only the
 * environments named for it, never "anything but production": a deploy with a typo or a
 * "staging" ENVIRONMENT keeps production's behaviour.
 */
export const isDevelopment = (env: { ENVIRONMENT: string }): boolean =>
  env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test";
