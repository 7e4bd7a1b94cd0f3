import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// A running server says so beside its database: `<DATABASE_PATH>.server-pid` holds its process id
// and host while it runs and is removed when it exits. A restore refuses while a live process on
// this machine holds it: renaming the database under a running server would send every later
// write to the renamed file (issue 13 item 7). A file left by a crash names a dead process and is
// ignored.

export interface ServerHold {
  pid: number;
  host: string;
  startedAt: string;
}

export const holdFile = (databasePath: string) => `${path.resolve(databasePath)}.server-pid`;

/** Marks the database as held by this process until it exits. */
export function holdDatabase(databasePath: string): void {
  const file = holdFile(databasePath);
  const hold: ServerHold = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(hold));
  process.once("exit", () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, "utf8")) as ServerHold;
      if (current.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Already gone, or replaced by another server: leave it.
    }
  });
}

/** The live server holding this database, if any (a crashed one's leftover file is not a hold). */
export function databaseHolder(databasePath: string): ServerHold | null {
  let hold: ServerHold;
  try {
    hold = JSON.parse(fs.readFileSync(holdFile(databasePath), "utf8")) as ServerHold;
  } catch {
    return null;
  }
  // Another machine's process cannot be checked from here: a shared disk is treated as held.
  if (hold.host !== os.hostname()) return hold;
  if (hold.pid === process.pid) return null;
  try {
    process.kill(hold.pid, 0);
    return hold;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? hold : null;
  }
}
