CREATE TABLE `balances` (
	`account_id` text PRIMARY KEY NOT NULL,
	`balance_nano` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_nano` integer NOT NULL,
	`balance_after_nano` integer NOT NULL,
	`reference` text NOT NULL,
	`memo` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_kind_reference_unique` ON `ledger` (`kind`,`reference`);--> statement-breakpoint
CREATE INDEX `ledger_account_created_idx` ON `ledger` (`account_id`,`created_at`);