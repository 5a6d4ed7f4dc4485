import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "../src/dashboard/usage/csv.ts";

describe("CSV", () => {
  it("quotes what RFC 4180 says to quote, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField("")).toBe("");
  });

  it("keeps a spreadsheet from running a text field as a formula", () => {
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("+cmd")).toBe("'+cmd");
    expect(csvField("-1+2")).toBe("'-1+2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("http://x"),y')).toBe('"\'=HYPERLINK(""http://x""),y"');
    // Numbers are numbers: a negative amount stays one, as a number or an exact decimal string.
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField("-0.000000001")).toBe("-0.000000001");
  });

  it("writes numbers, booleans and empty values, one CRLF-terminated record", () => {
    expect(csvRecord(["a", 1, true, null, undefined, false])).toBe("a,1,true,,,false\r\n");
  });
});
