import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/utils/env.server";

let secrets: string[] | undefined;

/**
 * Cookie-signing secrets: SESSION_SECRET when set; otherwise one generated on first start and kept
 * beside the database (readable by its owner only), so sign-ins survive a restart of the demo.
 */
export function sessionSecrets(): string[] {
  if (secrets) return secrets;
  const configured = env().SESSION_SECRET.split(",").map((s) => s.trim()).filter(Boolean);
  if (configured.length) {
    if (configured.some((s) => s.length < 32)) throw new Error("SESSION_SECRET: each secret needs at least 32 characters");
    return (secrets = configured);
  }
  const file = `${path.resolve(env().DATABASE_PATH)}.session-secret`;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.warn(`[auth] SESSION_SECRET not set: generated one in ${file}`);
  }
  return (secrets = [fs.readFileSync(file, "utf8").trim()]);
}
