CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`account_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `topups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_invoice_id` text,
	`provider_payment_id` text,
	`amount_requested_nano` integer NOT NULL,
	`amount_credited_nano` integer DEFAULT 0 NOT NULL,
	`coin` text NOT NULL,
	`status` text NOT NULL,
	`status_rank` integer NOT NULL,
	`invoice_url` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`credited_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topups_provider_invoice_unique` ON `topups` (`provider`,`provider_invoice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `topups_provider_payment_unique` ON `topups` (`provider`,`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `topups_account_created_idx` ON `topups` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `topups_status_idx` ON `topups` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`provider` text NOT NULL,
	`event_key` text NOT NULL,
	`topup_id` text,
	`received_at` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`provider`, `event_key`)
);
