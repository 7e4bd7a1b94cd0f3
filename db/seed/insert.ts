// Multi-row inserts in chunks: one statement per few hundred rows keeps 20 000 scenarios fast
// while staying under SQLite's limit of 32 766 bound variables per statement.
import type { Insertable, Kysely } from "kysely";
import type { Database } from "~/db/schema";

const MAX_VARIABLES = 30_000;
const MAX_ROWS = 500;

export type Rows<T extends keyof Database> = Insertable<Database[T]>[];

export async function insertChunked<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: Rows<T>): Promise<void> {
  if (rows.length === 0) return;
  // Every row carries every column (nulls included): SQLite has no DEFAULT inside VALUES lists.
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns)));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot relate a generic table name to its row type, hence the widening.
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(rows.slice(i, i + size) as Record<string, unknown>[])
      .execute();
  }
}
