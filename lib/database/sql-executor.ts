import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

/** The few raw-SQL operations the migrator and tests need, for PGlite and node-postgres alike. */
export interface SqlExecutor {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection. */
  transaction<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R>;
}

export function pgliteExecutor(db: Pick<PGlite, "exec" | "query" | "transaction">): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction(fn) {
      return db.transaction((tx) =>
        fn(
          pgliteExecutor({
            ...tx,
            transaction: () => {
              throw new Error("nested transactions are not supported");
            },
          } as never),
        ),
      );
    },
  };
}

export function poolExecutor(pool: Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        async exec(sql) {
          await client.query(sql);
        },
        async query<T>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as T[];
        },
        transaction: () => {
          throw new Error("nested transactions are not supported");
        },
      };
      try {
        await client.query("BEGIN");
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
