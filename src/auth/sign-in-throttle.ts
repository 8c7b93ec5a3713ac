// The sign-in throttle with MessageHub's limits from the configuration. Its counts live in the
// app's PostgreSQL (the audit router binds it to the app's DataSource), so the limits hold across
// every instance on the database; the IP is req.ip, as resolved under TRUST_PROXY.
import { SignInThrottle } from '@hashtrail/adminjs-audit';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';

type ThrottleSettings = Pick<Config, 'SIGN_IN_MAX_FAILURES_PER_IP' | 'SIGN_IN_MAX_FAILURES_PER_EMAIL' | 'SIGN_IN_THROTTLE_WINDOW_MINUTES'>;

export function signInThrottle(config: ThrottleSettings, dataSource?: DataSource): SignInThrottle {
  return new SignInThrottle({
    maxPerIp: config.SIGN_IN_MAX_FAILURES_PER_IP,
    maxPerEmail: config.SIGN_IN_MAX_FAILURES_PER_EMAIL,
    windowMs: config.SIGN_IN_THROTTLE_WINDOW_MINUTES * 60_000,
    dataSource,
  });
}
