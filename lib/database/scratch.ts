import "server-only";
import crypto from "node:crypto";
import pg from "pg";

/**
 * Creates a throw-away database on a PostgreSQL server (for tests and benchmarks), returning its
 * URL and a function that drops it again. `serverUrl` is any database on that server we may connect to.
 * `template` names a database to copy (CREATE DATABASE … TEMPLATE: a file copy, far faster than
 * migrating again); nobody may be connected to it meanwhile.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
  options: { template?: string } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(options.template ? `CREATE DATABASE "${name}" TEMPLATE "${options.template}"` : `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
