/**
 * The AccountDO's storage migrates itself: an object created at an older schema version keeps
 * its balance, its ledger entries and its open reservations, and gains what later steps add.
 */
import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccountDO } from "../src/account/account-do.ts";
import { migrate, SCHEMA_STEPS, SCHEMA_VERSION } from "../src/account/storage.ts";

describe("AccountDO storage migrations", () => {
  it("brings a v1 object to the latest version with its money intact", async () => {
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("acct_migration_test"));
    await runInDurableObject(stub, (_instance: AccountDO, state) => {
      const sql = state.storage.sql;
      // Back to an object made by the first release: only step 1, one balance, one reservation.
      for (const table of [
        "requests",
        "rollups",
        "objects",
        "reservations",
        "entries",
        "window",
        "keys",
        "account",
        "meta",
      ])
        sql.exec(`DROP TABLE IF EXISTS ${table}`);
      sql.exec(SCHEMA_STEPS[0]!);
      sql.exec("INSERT INTO meta (key, value) VALUES ('schema_version', '1')");
      sql.exec(
        "INSERT INTO account (id, account_id, plan, balance_nano) VALUES (1, 'acct_migration_test', 'basic', 123)",
      );
      sql.exec(
        "INSERT INTO reservations (id, key_hash, model, plan, amount_nano, input_estimate, created_at) VALUES ('req_old', 'h', 'claude-haiku-4-5', 'basic', 7, 1, 1)",
      );
      expect(() => sql.exec("UPDATE account SET balance_nano = -1")).toThrow(/CHECK constraint failed/);

      migrate(sql, (fn) => state.storage.transactionSync(fn));

      expect(sql.exec("SELECT value FROM meta WHERE key = 'schema_version'").one().value).toBe(
        String(SCHEMA_VERSION),
      );
      expect(sql.exec("SELECT balance_nano FROM account").one().balance_nano).toBe(123);
      expect(sql.exec("SELECT id, price FROM reservations").toArray()).toEqual([
        { id: "req_old", price: null },
      ]);
      // v2: a debt can be recorded.
      sql.exec("UPDATE account SET balance_nano = -5");
      expect(sql.exec("SELECT balance_nano FROM account").one().balance_nano).toBe(-5);
      // Migrating again is a no-op.
      migrate(sql, (fn) => state.storage.transactionSync(fn));
      expect(sql.exec("SELECT COUNT(*) AS n FROM reservations").one().n).toBe(1);
      // v5: windows moved to memory; usage rows and rollups live here.
      const tables = sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray();
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["requests", "rollups", "objects"]));
      expect(tables.map((t) => t.name)).not.toContain("window");
    });
    // The object restarts on the new code: the stored reservation is held again, in memory.
    await evictDurableObject(stub);
    const state = await stub.state("acct_migration_test");
    expect(state).toMatchObject({
      balanceNano: -5,
      reservedNano: 7,
      reservations: [{ id: "req_old", amountNano: 7 }],
    });
    await runInDurableObject(stub, (_instance: AccountDO, s) => {
      expect(s.storage.sql.exec("SELECT COUNT(*) AS n FROM reservations").one().n).toBe(0);
    });
  });
});
