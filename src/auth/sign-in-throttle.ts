// The sign-in throttle with MessageHub's limits from the configuration.
import { SignInThrottle } from '@hashtrail/adminjs-audit';
import type { Config } from '../config.js';

type ThrottleSettings = Pick<Config, 'SIGN_IN_MAX_FAILURES_PER_IP' | 'SIGN_IN_MAX_FAILURES_PER_EMAIL' | 'SIGN_IN_THROTTLE_WINDOW_MINUTES'>;

export function signInThrottle(config: ThrottleSettings): SignInThrottle {
  return new SignInThrottle({
    maxPerIp: config.SIGN_IN_MAX_FAILURES_PER_IP,
    maxPerEmail: config.SIGN_IN_MAX_FAILURES_PER_EMAIL,
    windowMs: config.SIGN_IN_THROTTLE_WINDOW_MINUTES * 60_000,
  });
}
