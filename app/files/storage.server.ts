import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "~/utils/env.server";

// Uploaded files, outside public/ under UPLOAD_DIR. A file is stored under a random key and never
// under the name the user gave it, so no name can reach another path. A write goes to a temporary
// file first and is renamed into place, so a crash leaves no half-written file under a key.

// Kept on globalThis like the database handle, so tests can point it at a temporary directory.
const holder = globalThis as unknown as { __uploadDir?: string };

export function uploadRoot(): string {
  return path.resolve(holder.__uploadDir ?? env().UPLOAD_DIR);
}

/** Points storage at another directory (tests). */
export function useUploadDir(dir: string | undefined) {
  holder.__uploadDir = dir;
}

const KEY = /^[0-9a-f]{32}$/;

/** Where a key's file lives: always inside the upload directory, or an error. */
export function storagePath(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid storage key");
  const root = uploadRoot();
  const file = path.resolve(root, key.slice(0, 2), key);
  const relative = path.relative(root, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) throw new Error("Storage path outside the upload directory");
  return file;
}

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/** Writes the bytes under a new random key. */
export async function storeFile(bytes: Uint8Array): Promise<StoredFile> {
  const key = randomBytes(16).toString("hex");
  const target = storagePath(key);
  const tmpDir = path.join(uploadRoot(), "tmp");
  await fs.promises.mkdir(tmpDir, { recursive: true });
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(tmpDir, `${key}.part`);
  try {
    await fs.promises.writeFile(temporary, bytes, { flag: "wx" });
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return { key, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Removes stored files; a file already gone is fine. */
export async function deleteFiles(keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => fs.promises.rm(storagePath(key), { force: true })));
}

/**
 * Stores the files, then runs `commit` (the database transaction recording them). If it throws, or
 * its result says the files were not recorded after all, they are removed again: no file is left
 * without its row.
 */
export async function storeThenCommit<T>(
  files: readonly Uint8Array[],
  commit: (stored: StoredFile[]) => Promise<T>,
  recorded: (result: T) => boolean = () => true,
): Promise<T> {
  const stored: StoredFile[] = [];
  try {
    for (const bytes of files) stored.push(await storeFile(bytes));
    const result = await commit(stored);
    if (!recorded(result)) await deleteFiles(stored.map((s) => s.key));
    return result;
  } catch (error) {
    await deleteFiles(stored.map((s) => s.key));
    throw error;
  }
}

/** A stored file as a web stream, or null when it is missing. */
export async function openStoredFile(key: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | null> {
  const file = storagePath(key);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  return { size: stat.size, body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array> };
}
