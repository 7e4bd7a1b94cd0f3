// What the browser downloads must carry no server code and no secret. React Router refuses a route that
// imports a `.server` module into the client build; this scan catches what slips past that (a
// shared module that pulls in the database layer, a mailer, Node's file system, an environment
// variable read in a component), by strings only those modules contain. Runs after `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CLIENT = path.resolve("build/client");

const MARKERS: { what: string; pattern: RegExp }[] = [
  { what: "better-sqlite3", pattern: /better-sqlite3|journal_mode|busy_timeout/ },
  { what: "kysely (query builder)", pattern: /\bkysely\b|SelectQueryNode|InsertQueryNode|SqliteDialect/i },
  { what: "nodemailer", pattern: /nodemailer|createTransport\(/ },
  { what: "meilisearch client", pattern: /X-Meilisearch-Client|MeilisearchApiError|MeilisearchRequestError/ },
  { what: "Node built-ins", pattern: /["']node:(fs|crypto|path|child_process|stream|os)["']|readFileSync|writeFileSync|createReadStream/ },
  // (SMTP_URL is named in the development mailbox's help text, so it is checked by value only.)
  { what: "secret settings by name", pattern: /SESSION_SECRET|MEILI_MASTER_KEY|DATABASE_PATH/ },
  { what: "password hashing", pattern: /\bscrypt\b|timingSafeEqual|bcrypt|argon2/i },
  { what: "database tables (model code)", pattern: /password_hash|login_attempts|password_resets|search_outbox|email_outbox|audit_log|token_hash/ },
  { what: "session cookie internals", pattern: /__session|session-secret/ },
];

/** Secret values this machine's environment holds, and the suite's own test secret. */
function secretValues(): { name: string; value: string }[] {
  const values = [{ name: "the unit tests' SESSION_SECRET", value: "test-session-secret-0123456789abcdef" }];
  for (const name of ["SESSION_SECRET", "MEILI_MASTER_KEY", "SMTP_URL"]) {
    for (const part of (process.env[name] ?? "").split(",").map((s) => s.trim())) if (part.length >= 8) values.push({ name, value: part });
  }
  const dotEnv = path.resolve(".env");
  if (fs.existsSync(dotEnv)) {
    for (const line of fs.readFileSync(dotEnv, "utf8").split("\n")) {
      const m = /^(SESSION_SECRET|MEILI_MASTER_KEY|SMTP_URL)=(.+)$/.exec(line.trim());
      if (m && m[2]!.length >= 8) values.push({ name: `${m[1]} in .env`, value: m[2]!.replace(/^["']|["']$/g, "") });
    }
  }
  return values;
}

function clientFiles(dir = CLIENT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return clientFiles(full);
    return /\.(js|mjs|map|json|html|css)$/.test(e.name) ? [full] : [];
  });
}

describe("client bundle", () => {
  it("holds no server-only code and no secret", () => {
    const files = clientFiles();
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(10);
    const secrets = secretValues();
    const found: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const name = path.relative(CLIENT, file);
      for (const { what, pattern } of MARKERS) {
        const m = pattern.exec(text);
        if (m) found.push(`${name}: ${what} («${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}»)`);
      }
      for (const { name: secret, value } of secrets) if (text.includes(value)) found.push(`${name}: the value of ${secret}`);
    }
    expect(found).toEqual([]);
  });
});
