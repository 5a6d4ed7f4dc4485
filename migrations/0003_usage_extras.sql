ALTER TABLE `usage_log` ADD `service_tier` text;--> statement-breakpoint
ALTER TABLE `usage_log` ADD `tool_uses` text;