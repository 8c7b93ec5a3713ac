// One app per data folder: a second one would shut down the first one's database server as a
// leftover (embedded-postgres.ts). A pid file taken with O_EXCL keeps a second process out; a lock
// left by a process that no longer runs (killed, or the machine restarted) is taken over, and said so.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`The data folder ${dir} is in use by another process (pid ${pid}). Stop it, or set DATA_DIR to another folder.`);
    this.name = 'DataDirLockedError';
  }
}

/** USER_HZ, the unit of a process's start time in /proc/<pid>/stat: 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/** Linux: a process's state letter (Z: exited, waiting to be reaped) and start time in epoch seconds; null elsewhere or once it is gone. */
export function processStat(pid: number): { state: string; startedAt: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; field 22 is the start time, in ticks since boot.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const bootTime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    return { state: fields[0]!, startedAt: bootTime + Number(fields[19]) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** Whether `pid` is a process that has not exited (a zombie has: it holds nothing, it only waits for its parent). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processStat(pid)?.state !== 'Z';
}

/**
 * Whether the process named by a lock written at `writtenAt` (epoch seconds) still holds it. Not
 * when that number is ours, nor (Linux) when the process under it started after the lock was
 * written: after a reboot, or in a restarted container (where the app is pid 1 again), the
 * number belongs to another process.
 */
function holderRuns(holder: number, writtenAt: number): boolean {
  if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !isRunning(holder)) return false;
  const stat = processStat(holder);
  return stat === null || stat.startedAt <= writtenAt + 1;
}

/** Takes the lock and returns a function that releases it; `notice` hears of a stale lock taken over. */
export function lockDataDir(dir: string, notice: (message: string) => void = () => {}): () => void {
  const lockPath = path.join(dir, 'messagehub.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: number;
      let writtenAt: number;
      try {
        writtenAt = fs.statSync(lockPath).mtimeMs / 1000;
        holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      } catch (gone) {
        if ((gone as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw gone;
      }
      if (holderRuns(holder, writtenAt)) throw new DataDirLockedError(dir, holder);
      fs.rmSync(lockPath, { force: true });
      notice(`The data folder's lock ${lockPath} was left by process ${holder}, which no longer runs (it was killed, or the machine restarted): taken over`);
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
