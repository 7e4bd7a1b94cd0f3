import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/changjing.db"),
  SEED_DEMO: booleanish.default("true"),
  // Proposal attachments, outside public/; served only through permission-checked routes.
  UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
  MEILI_HOST: z.union([z.literal(""), z.string().url()]).default(""),
  MEILI_MASTER_KEY: z.string().default(""),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/).default("changjing"),
  MEILI_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  // At least 32 characters; several, comma-separated, to rotate (the first signs, all verify).
  SESSION_SECRET: z.string().default(""),
  // smtp://user:password@host:587 — empty: development keeps mail for /dev/mail, production holds it unsent.
  SMTP_URL: z.string().default(""),
  // Where the site is reached from outside; links in e-mails start with it.
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  MAIL_FROM: z.string().default("场景机会 <noreply@changjing.local>"),
  // Production is served over HTTPS (a reverse proxy in front): Strict-Transport-Security and a
  // Secure session cookie. false for a site reached over plain HTTP on an internal network.
  HTTPS: booleanish.default("true"),
  // The reverse proxy whose X-Forwarded-For is believed (read by server.js): addresses or subnets,
  // "loopback", or a number of hops. Empty: the socket's address is the client's.
  TRUST_PROXY: z.string().default(""),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The environment, parsed once; a bad value stops start-up with the variable's name. */
export function env(): Env {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    parsed = result.data;
  }
  return parsed;
}

/**
 * Whether the session cookie is marked Secure for this request (decision 022). Secure whenever the
 * request arrived over HTTPS (behind a proxy: its X-Forwarded-Proto, believed with TRUST_PROXY), and
 * always in production once PUBLIC_URL says the site's address is https — then a plain-HTTP visitor
 * is told to use that address instead of failing to sign in silently (`httpsRequiredFor`). A demo
 * opened over plain HTTP by any address keeps working. HTTPS=false turns Secure off altogether.
 */
export function cookieSecure(request: Request, e: Env = env()): boolean {
  if (!e.HTTPS) return false;
  if (new URL(request.url).protocol === "https:") return true;
  return e.NODE_ENV === "production" && new URL(e.PUBLIC_URL).protocol === "https:";
}

/** The https address to sign in at, when this plain-HTTP request would get a cookie its browser drops; else null. */
export function httpsRequiredFor(request: Request, e: Env = env()): string | null {
  const url = new URL(request.url);
  if (url.protocol === "https:" || !cookieSecure(request, e)) return null;
  return new URL(url.pathname + url.search, e.PUBLIC_URL).toString();
}

/** Whether pages are served over HTTPS: production, unless HTTPS=false says the site runs on plain HTTP. */
export function servedOverHttps(e: Env = env()): boolean {
  return e.NODE_ENV === "production" && e.HTTPS;
}

/** Forgets the parsed environment, so the next env() reads process.env again (tests that stub it). */
export function resetEnvCache(): void {
  parsed = undefined;
}
