-- Custom SQL migration file, put your code below! --
-- The implicit Gemini channel: GEMINI_UPSTREAM_URL / GEMINI_UPSTREAM_KEY, as env-anthropic and
-- env-openai are for their vendors (docs/channels.md).
INSERT INTO `channels` (`id`, `name`, `vendor`, `source`, `priority`, `weight`, `enabled`, `created_at`, `updated_at`)
VALUES ('env-gemini', 'env-gemini', 'gemini', 'env', 0, 1, 1, unixepoch() * 1000, unixepoch() * 1000);
