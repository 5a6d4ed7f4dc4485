import { describe, expect, it } from "vitest";
import { parseAdminArgs, UsageError } from "./admin-args.ts";

const COMMANDS = {
  credit: { args: ["<account-id>", "<usd>"], options: ["memo", "idempotency-key"], summary: "" },
  "list-keys": { args: ["<account-id>"], options: [], summary: "" },
  "set-key-limits": { args: ["<key-id>"], options: ["rpm"], summary: "" },
};
const parse = (...argv: string[]) => parseAdminArgs(argv, COMMANDS);

describe("pnpm admin's argument parser", () => {
  it("takes negative amounts as positionals, wherever the options are", () => {
    expect(parse("credit", "acct_1", "-5")).toEqual({
      command: "credit",
      args: ["acct_1", "-5"],
      options: {},
    });
    expect(parse("credit", "--memo", "oops", "acct_1", "-2.50")).toEqual({
      command: "credit",
      args: ["acct_1", "-2.50"],
      options: { memo: "oops" },
    });
    expect(parse("credit", "acct_1", "-.5", "--idempotency-key=t-1").options).toEqual({
      "idempotency-key": "t-1",
    });
  });

  it("reads option values that look like negative numbers, or start with a dash", () => {
    expect(parse("credit", "a", "1", "--memo", "-1 for the outage").options.memo).toBe("-1 for the outage");
  });

  it("names the mistake in one line", () => {
    const mistake = (...argv: string[]) => {
      try {
        parse(...argv);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error("no error");
    };
    expect(mistake()).toBe("no command given");
    expect(mistake("credti")).toBe('unknown command "credti"');
    expect(mistake("credit", "acct_1")).toBe("credit: <usd> is required");
    expect(mistake("credit", "acct_1", "5", "--bogus", "x")).toBe("credit: unknown option --bogus");
    expect(mistake("credit", "acct_1", "5", "-x")).toBe("credit: unknown option -x");
    expect(mistake("credit", "acct_1", "5", "--memo")).toBe("credit: --memo needs a value");
    expect(mistake("list-keys", "a", "b")).toBe('list-keys: unexpected argument "b"');
  });
});
