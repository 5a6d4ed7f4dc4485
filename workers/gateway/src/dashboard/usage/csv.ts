/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): fields separated by
 * commas, records by CRLF, a field holding a comma, a quote or a line break enclosed in double
 * quotes with its quotes doubled. A text field that a spreadsheet would run as a formula (it
 * starts with =, +, -, @, a tab or a carriage return) is prefixed with a single quote, as OWASP
 * advises (https://owasp.org/www-community/attacks/CSV_Injection): key names are the customer's
 * own text, and the file is opened in spreadsheets.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal ("-0.05": an exact amount) is a number to a spreadsheet, never a formula. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** One field: numbers as they are, text neutralised and quoted when it must be. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) && !DECIMAL.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export const csvRecord = (fields: ReadonlyArray<string | number | boolean | null | undefined>): string =>
  `${fields.map(csvField).join(",")}\r\n`;
