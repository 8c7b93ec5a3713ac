/** An action nobody may run: hidden, and refused by the API too (isVisible alone only hides the button). */
export const REFUSED_ACTION = { isAccessible: false, isVisible: false } as const;
