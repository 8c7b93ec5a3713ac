// AdminJS serves a components bundle it finds on disk without rebuilding it (outside production
// it builds only when none is there), so a bundle left by an earlier run would hide changed
// components. Each browser test file bundles into a new folder of its own. AdminJS reads
// ADMIN_JS_TMP_DIR when its modules load: call this before importing anything that imports adminjs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function freshBundleDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-adminjs-bundle-'));
  process.env.ADMIN_JS_TMP_DIR = dir;
  return dir;
}
