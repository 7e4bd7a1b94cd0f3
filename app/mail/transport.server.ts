import nodemailer from "nodemailer";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** Hands one message to whatever delivers mail; throws when it could not be delivered. */
export interface MailTransport {
  /** Said once in the log when the worker starts. */
  describe(): string;
  /** True when nothing may be delivered: the worker leaves every message waiting in the outbox. */
  holds?: boolean;
  send(message: OutgoingEmail): Promise<void>;
}

/**
 * Real delivery over SMTP (`smtp://user:password@host:587`, `smtps://…` for implicit TLS).
 * Timeouts are short because a stuck server only delays the outbox, which retries anyway.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const mailer = nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from },
  );
  const host = safeHost(smtpUrl);
  return {
    describe: () => `SMTP via ${host}`,
    async send(message) {
      await mailer.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/**
 * Without an SMTP server in development nothing leaves the machine: the message is already stored in
 * the outbox, and "delivering" it only marks it sent. It stays readable at /dev/mail.
 */
export function storedOnlyTransport(): MailTransport {
  return {
    describe: () => "SMTP_URL not set: messages are stored, not sent; read them at /dev/mail",
    async send() {},
  };
}

/**
 * Production without an SMTP server: nothing is delivered and nothing is marked sent. The messages
 * wait in the outbox (the office sees how many at /dev/mail and /readyz) and go out once SMTP_URL
 * is set and the site restarted. Nobody reads them on the site: they carry sign-in links.
 */
export function heldTransport(): MailTransport {
  return {
    holds: true,
    describe: () => "SMTP_URL not set in production: messages wait in the outbox until it is",
    async send() {
      throw new Error("mail is held: SMTP_URL is not set");
    },
  };
}

export function transportFromEnvironment(settings: { SMTP_URL: string; MAIL_FROM: string; NODE_ENV: string }): MailTransport {
  if (settings.SMTP_URL) return smtpTransport(settings.SMTP_URL, settings.MAIL_FROM);
  return settings.NODE_ENV === "production" ? heldTransport() : storedOnlyTransport();
}

/** The host only: the URL may carry a password, which must never reach the log. */
function safeHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}`;
  } catch {
    return "(unparsable SMTP_URL)";
  }
}

/**
 * Who may read the mailbox at /dev/mail. Outside production it is open with every message's text,
 * so sign-up, resets and invitations can be clicked through without a mail server. In production the
 * messages carry reset and invitation links, bidders' names and objectors' addresses: only the
 * office sees the page there, and only how much mail is waiting or failed, never a message.
 */
export type MailboxMode = "open" | "office";

export function mailboxMode(settings: { NODE_ENV: string }): MailboxMode {
  return settings.NODE_ENV === "production" ? "office" : "open";
}
