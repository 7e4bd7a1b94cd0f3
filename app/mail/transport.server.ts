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
 * Without an SMTP server nothing leaves the machine: the message is already stored in the outbox,
 * and "delivering" it only marks it sent. It stays readable at /dev/mail.
 */
export function storedOnlyTransport(): MailTransport {
  return {
    describe: () => "SMTP_URL not set: messages are stored, not sent; read them at /dev/mail",
    async send() {},
  };
}

export function transportFromEnvironment(settings: { SMTP_URL: string; MAIL_FROM: string }): MailTransport {
  return settings.SMTP_URL ? smtpTransport(settings.SMTP_URL, settings.MAIL_FROM) : storedOnlyTransport();
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

/** The development mailbox is there whenever mail is not really being sent, and never in production with SMTP. */
export function devMailboxEnabled(settings: { NODE_ENV: string; SMTP_URL: string }): boolean {
  return !(settings.NODE_ENV === "production" && settings.SMTP_URL);
}
