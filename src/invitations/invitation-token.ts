// Invitation links carry a random token; only its SHA-256 is stored, so neither the database nor
// the audit log holds a working link. The link itself is shown once to the inviting admin.
import { createHash, randomBytes } from 'node:crypto';
import { DAY_MS } from '../time-units.js';

const TOKEN_BYTES = 32;

export interface NewInvitation {
  /** What goes in the link. Never stored. */
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newInvitation(ttlDays: number, now = new Date()): NewInvitation {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + ttlDays * DAY_MS) };
}

/** A token as the link carries it: base64url only, so anything else is refused before any lookup. */
export const looksLikeInvitationToken = (value: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(value);

export const invitationPath = (token: string) => `/invitations/${token}`;

export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}${invitationPath(token)}`;
}
