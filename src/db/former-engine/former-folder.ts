// The files of an upgrade inside DATA_DIR:
//
//   DATA_DIR/PG_VERSION, base/, global/, pg_*/, …   the former engine's (PGlite's) files, at the top
//   DATA_DIR/upgrade-embedded-in-progress/           the upgrade's work folder:
//     pglite-copy/                                   a copy of those files, which PGlite opens
//     postgres/, postgres-password                   the new cluster, made by startEmbeddedPostgres
//     swap.json                                      written once the copy is verified: "finish the swap"
//
// Until swap.json exists the former files are untouched and the work folder is disposable: a run
// that finds it (an earlier run failed or was killed) removes it and starts over. Once swap.json
// exists the swap only moves files, and a run that finds it finishes the moves:
//   1. postgres-password, then postgres/ move to DATA_DIR: from then on the app runs the new,
//      verified cluster (before, it refuses the folder as a former engine's);
//   2. the former files move into DATA_DIR/pglite-backup-<date>/, kept, never deleted;
//   3. the work folder goes.
import fs from 'node:fs';
import path from 'node:path';
import { clusterDirOf } from '../embedded-postgres.js';

export const WORK_FOLDER = 'upgrade-embedded-in-progress';
const SWAP_MARKER = 'swap.json';
const BACKUP_NOTE = 'MESSAGEHUB-BACKUP.txt';

export const workDirOf = (dataDir: string) => path.join(dataDir, WORK_FOLDER);
export const snapshotDirOf = (dataDir: string) => path.join(workDirOf(dataDir), 'pglite-copy');

/**
 * The names a PostgreSQL data directory holds at its top (PGlite's included). Only these move into
 * the backup; anything else in DATA_DIR (a key, a sink's file) stays where it is.
 */
const POSTGRES_FILE = /^(PG_VERSION|base|global|pg_[a-z_]+|pg_hba\.conf|pg_ident\.conf|postgresql(\.auto)?\.conf|postmaster\.(opts|pid)|current_logfiles|backup_label|tablespace_map)$/;

/** The former engine's files at the top of `dataDir`. */
export function formerEngineFiles(dataDir: string): string[] {
  return fs.readdirSync(dataDir).filter((name) => POSTGRES_FILE.test(name)).sort();
}

/** Bytes under `target` (a file or a folder). */
export function sizeOf(target: string): number {
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

/** Bytes free for this user on the file system of `dir`. */
export function freeSpace(dir: string): number {
  const stats = fs.statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/** Copies the former engine's files into the work folder, for PGlite to open there. */
export function snapshotFormerFiles(dataDir: string): string {
  const snapshot = snapshotDirOf(dataDir);
  fs.mkdirSync(snapshot, { recursive: true, mode: 0o700 });
  for (const name of formerEngineFiles(dataDir)) {
    if (name === 'postmaster.pid') continue; // PGlite writes none; a stray one would only mislead
    fs.cpSync(path.join(dataDir, name), path.join(snapshot, name), { recursive: true, preserveTimestamps: true });
  }
  return snapshot;
}

/** The work folder, made for a new run: readable by the server's user, which must pass through it to its cluster. */
export function makeWorkFolder(dataDir: string): string {
  const work = workDirOf(dataDir);
  fs.mkdirSync(work);
  fs.chmodSync(work, 0o755);
  return work;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes what an earlier run left in the work folder, after stopping the server it may have left
 * running there (killed, that run could not stop it; its watchdog stops it within a second anyway).
 */
export async function removeWorkFolder(dataDir: string): Promise<void> {
  const work = workDirOf(dataDir);
  const pidFile = path.join(clusterDirOf(work), 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const command = Number.isInteger(pid) && pid > 0 && fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid) && (!command || command.includes('postgres'))) {
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 30_000;
      while (isRunning(pid)) {
        if (Date.now() > deadline) throw new Error(`The database server an earlier upgrade left running on ${work} (pid ${pid}) did not stop; stop it (kill -INT ${pid}) and run the upgrade again.`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}

interface SwapPlan {
  /** Folder name of the backup, inside DATA_DIR. */
  backup: string;
  verifiedAt: string;
}

export const swapPending = (dataDir: string) => fs.existsSync(path.join(workDirOf(dataDir), SWAP_MARKER));

/** A backup folder name not taken yet: pglite-backup-<date>, then -2, -3… */
export function backupName(dataDir: string, now = new Date()): string {
  const base = `pglite-backup-${now.toISOString().slice(0, 10)}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!fs.existsSync(path.join(dataDir, name))) return name;
  }
}

/** Records that the new cluster (stopped) is verified: from here on, a run finishes the swap. */
export function planSwap(dataDir: string, backup: string): void {
  const plan: SwapPlan = { backup, verifiedAt: new Date().toISOString() };
  const file = path.join(workDirOf(dataDir), SWAP_MARKER);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(plan, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Moves the verified cluster into place and the former files into the backup (see the top of this
 * file); safe to run again on a half-done swap. Returns the backup folder and the files moved into it.
 */
export function finishSwap(dataDir: string): { backupDir: string; moved: string[] } {
  const work = workDirOf(dataDir);
  const plan = JSON.parse(fs.readFileSync(path.join(work, SWAP_MARKER), 'utf8')) as SwapPlan;
  const backupDir = path.join(dataDir, plan.backup);

  const newCluster = clusterDirOf(work);
  if (fs.existsSync(newCluster) && fs.existsSync(clusterDirOf(dataDir))) {
    throw new Error(`${clusterDirOf(dataDir)} appeared during the upgrade; move it out of ${dataDir} and run the upgrade again`);
  }
  // The password first: the cluster in place without it would not start (a clear message), never the other way round.
  const newPassword = path.join(work, 'postgres-password');
  if (fs.existsSync(newPassword)) fs.renameSync(newPassword, path.join(dataDir, 'postgres-password'));
  if (fs.existsSync(newCluster)) fs.renameSync(newCluster, clusterDirOf(dataDir));
  // Never move the former files away without the cluster in place: the app would start an empty database.
  if (!fs.existsSync(path.join(clusterDirOf(dataDir), 'PG_VERSION'))) {
    throw new Error(`the verified cluster is neither in ${newCluster} nor in ${clusterDirOf(dataDir)}; the former files were left where they are. Remove ${work} and run the upgrade again`);
  }

  fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const moved = formerEngineFiles(dataDir);
  for (const name of moved) fs.renameSync(path.join(dataDir, name), path.join(backupDir, name));
  const note = path.join(backupDir, BACKUP_NOTE);
  if (!fs.existsSync(note)) {
    fs.writeFileSync(
      note,
      `The data of MessageHub's former embedded engine (PGlite), as it was before \`npm run db:upgrade-embedded\`\n` +
        `copied it into the embedded PostgreSQL server in ${clusterDirOf(dataDir)} (verified ${plan.verifiedAt}).\n` +
        `MessageHub no longer reads this folder and never deletes it. Keep it as long as you want a way back; delete it yourself after that.\n`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });
  return { backupDir, moved: fs.readdirSync(backupDir).filter((name) => POSTGRES_FILE.test(name)).sort() };
}
