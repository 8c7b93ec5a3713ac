/**
 * The system log's account id: entries no signed-in admin's account covers (a refused sign-in for
 * an unknown email, a purge, an account created by the operator). Never a real account: account
 * ids come from a serial, which starts at 1.
 */
export const SYSTEM_ACCOUNT_ID = '0';
