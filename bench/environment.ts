// What the figures were measured on.
import os from 'node:os';
import pg from 'pg';

export interface Environment {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  loadAverage: string;
  date: string;
}

export async function describeEnvironment(url: string): Promise<Environment> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version);
    return {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      postgres: `PostgreSQL ${version}`,
      loadAverage: os.loadavg().map((value) => value.toFixed(2)).join(' / '),
      date: new Date().toISOString(),
    };
  } finally {
    await client.end();
  }
}
