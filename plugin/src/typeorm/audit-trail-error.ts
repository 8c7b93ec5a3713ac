/** A change the audit trail cannot record: it is refused (or rolled back) rather than left unlogged. */
export class AuditTrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditTrailError';
  }
}
