/**
 * The secrets wrangler.toml declares in [secrets] required: `wrangler deploy` refuses to ship
 * without them, and the Worker checks them again at run time (settings.ts: a secret deleted
 * later, a deployment made by other means). scripts/deploy-config.test.ts holds the two equal.
 */
export const REQUIRED_SECRETS = ["ADMIN_TOKEN", "ANTHROPIC_UPSTREAM_KEY", "OPENAI_UPSTREAM_KEY"] as const;
