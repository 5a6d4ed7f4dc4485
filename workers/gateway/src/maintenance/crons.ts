/** wrangler.toml's [triggers] crons, by job (scripts/deploy-config.test.ts holds them equal). */
export const CRONS = {
  /** Re-query top-ups stuck in pending / confirming (a lost callback still credits). */
  requery: "*/5 * * * *",
  /** Delete what D1 keeps no longer (README "Operations", retention variables). */
  retention: "15 3 * * *",
} as const;
