import { translator, type Lang } from "~/i18n/i18n";
import { absoluteUrl } from "./outbox.server";

// The e-mails the accounts flows send, in the language of the person who caused them (the one
// asking for a reset; the inviting admin, who most likely shares a language with the colleague).

export interface EmailContent {
  subject: string;
  text: string;
}

export function passwordResetEmail(lang: Lang, values: { name: string; token: string; minutes: number }): EmailContent {
  const t = translator(lang);
  const link = absoluteUrl(`/reset-password/${values.token}`);
  return {
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", { name: values.name, link, minutes: String(values.minutes) }),
  };
}

export function invitationEmail(
  lang: Lang,
  values: { inviterName: string; organisationName: string; token: string; days: number },
): EmailContent {
  const t = translator(lang);
  const link = absoluteUrl(`/invitations/${values.token}`);
  return {
    subject: t("mail.invite.subject", { organisation: values.organisationName }),
    text: t("mail.invite.body", {
      inviter: values.inviterName,
      organisation: values.organisationName,
      link,
      days: String(values.days),
    }),
  };
}
