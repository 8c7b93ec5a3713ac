import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** What the invitation screens need from the configuration. */
export interface InvitationSettings {
  ttlDays: number;
  /** Origin the links start with (PUBLIC_URL, or where the app listens). */
  publicUrl: string;
  passwordMinLength: number;
  bcryptRounds: number;
  logger: Logger;
}

export function invitationSettings(config: Config, logger: Logger): InvitationSettings {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return {
    ttlDays: config.INVITATION_TTL_DAYS,
    publicUrl: config.PUBLIC_URL ?? `http://${host}:${config.PORT}`,
    passwordMinLength: config.PASSWORD_MIN_LENGTH,
    bcryptRounds: config.BCRYPT_ROUNDS,
    logger,
  };
}
