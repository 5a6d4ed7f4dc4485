/** One JSON line per event, for Workers Logs. */
export function log(
  level: "info" | "warn" | "error",
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  console[level](JSON.stringify({ level, msg, ...fields }));
}
