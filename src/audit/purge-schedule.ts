// AUDIT_PURGE_DAILY: the retention purge inside the server, once at start and then every 24 hours.
// A failed run is logged as an error and tried again at the next tick; it never stops the server.
import type { Logger } from '../logger.js';
import { DAY_MS } from '../time-units.js';


export interface PurgeSchedule {
  stop(): void;
}

/** What a run reports: `olderThan` is the deployment default's cutoff; `chains`, each chain's purge with its period. */
export interface PurgeRun {
  purged: number;
  olderThan: Date;
  chains?: ReadonlyArray<{ account: string | null; purged: number; retention?: { retentionDays: number } }>;
}

export function schedulePurge(run: () => Promise<PurgeRun>, logger: Logger, intervalMs: number = DAY_MS): PurgeSchedule {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow purge is never run twice at once
    running = true;
    try {
      const { purged, olderThan, chains } = await run();
      const perChain = chains?.map(({ account, purged: count, retention }) => ({ account, purged: count, retentionDays: retention?.retentionDays }));
      logger.info({ purged, olderThan, chains: perChain }, `Audit retention: purged ${purged} entries older than ${olderThan.toISOString()} (the default) or than their account's own period`);
    } catch (error) {
      logger.error({ err: error }, 'Audit retention: the purge failed; it will be tried again at the next run');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  const first = setTimeout(() => void tick(), 0);
  first.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
