// What the login page says went wrong: the message key AdminJS puts in the page's state
// (`"errorMessage":"invalidCredentials"`). Not a search of the whole page: its translations
// carry every message's text, so any key appears somewhere in it.
export function loginError(html: string): string | null {
  return html.match(/"errorMessage":"(\w+)"/)?.[1] ?? null;
}
