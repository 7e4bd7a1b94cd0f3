import { createHash, randomBytes } from "node:crypto";

// One-time tokens for links sent by e-mail (password resets, invitations). The link carries 32
// random bytes; the database keeps only their SHA-256, so a leaked copy of it opens nothing.

export function createLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token from a URL that cannot be one of ours is refused before touching the database. */
export function looksLikeLinkToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
