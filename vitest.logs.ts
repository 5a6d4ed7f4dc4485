/**
 * Log lines a test run prints without them helping anyone read it: the routine lines the Workers
 * write on every request or action (docs/observability.md). Tests that check a line spy on
 * console themselves; warnings and errors are always printed.
 */
const ROUTINE = [
  "request",
  "d1",
  "operator action",
  "mail sent",
  "callback handled",
  "responses socket closed",
].map((msg) => `"msg":"${msg}"`);

/** vitest's onConsoleLog: false drops the line. */
export const printLog = (log: string): boolean => !ROUTINE.some((m) => log.includes(m));
