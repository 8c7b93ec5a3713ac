/** How a user is named on audit entries: "Name <email>", or the name alone. */
export const userLabel = (row: Record<string, unknown>): string | null =>
  row.email ? `${String(row.name)} <${String(row.email)}>` : ((row.name as string | null) ?? null);
