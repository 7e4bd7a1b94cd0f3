// `npm run admin:create -- --email ops@city.example --name 王工`: the first office administrator of a
// real deployment (or a fresh link for an existing one). Migrates the database if needed, creates
// the account without a password and prints a one-time link to set it. No password is asked for,
// shown or logged.
import "~/i18n/english";
import { parseArgs } from "node:util";
import { db } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { absoluteUrl } from "~/mail/outbox.server";
import { ADMIN_LINK_HOURS, createAdministrator } from "~/models/admin-account.server";

const HELP = `npm run admin:create -- --email <e-mail> --name <name>

Creates an office administrator (city AI office, pages under /admin) without a password and prints
a one-time link, valid ${ADMIN_LINK_HOURS} hours, at which that person sets their own password.
Run again for the same e-mail to get a fresh link. The link starts with PUBLIC_URL; the database
is DATABASE_PATH (migrated first if needed).`;

async function main(): Promise<number> {
  let values: { email?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.info(HELP);
    return 0;
  }
  if (!values.email || !values.name) {
    console.error(`Both --email and --name are needed.\n\n${HELP}`);
    return 2;
  }
  const database = db();
  try {
    await migrateToLatest(database);
    const result = await createAdministrator(database, { email: values.email, name: values.name });
    if (!result.ok) {
      console.error(result.code === "invalid"
        ? `Not a valid ${result.field === "email" ? "e-mail address" : "name (1–60 characters)"}: nothing was created.`
        : `${values.email} already has an account with the role "${result.role}": nothing was changed. Use another address.`);
      return 1;
    }
    console.info(result.created ? `Created office administrator ${values.email.trim().toLowerCase()}.` : `${values.email.trim().toLowerCase()} is already an office administrator: here is a fresh link.`);
    console.info(`Set the password here (one use, until ${result.expiresAt}):\n${absoluteUrl(`/reset-password/${result.token}`)}`);
    return 0;
  } finally {
    await database.destroy();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error("[admin:create] failed:", error);
  process.exit(1);
});
