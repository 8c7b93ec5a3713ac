/** AdminJS select options from one of the enum lists in entities/enums.ts. */
export const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
