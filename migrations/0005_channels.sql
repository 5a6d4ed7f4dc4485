CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`vendor` text NOT NULL,
	`source` text DEFAULT 'stored' NOT NULL,
	`base_url` text DEFAULT '' NOT NULL,
	`credential_ciphertext` text,
	`credential_hint` text,
	`models` text,
	`priority` integer DEFAULT 0 NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_name_unique` ON `channels` (`name`);--> statement-breakpoint
CREATE INDEX `channels_vendor_idx` ON `channels` (`vendor`);--> statement-breakpoint
-- The implicit channels: the *_UPSTREAM_URL / *_UPSTREAM_KEY settings, as before (docs/channels.md).
INSERT INTO `channels` (`id`, `name`, `vendor`, `source`, `priority`, `weight`, `enabled`, `created_at`, `updated_at`)
VALUES
	('env-anthropic', 'env-anthropic', 'anthropic', 'env', 0, 1, 1, unixepoch() * 1000, unixepoch() * 1000),
	('env-openai', 'env-openai', 'openai', 'env', 0, 1, 1, unixepoch() * 1000, unixepoch() * 1000);
