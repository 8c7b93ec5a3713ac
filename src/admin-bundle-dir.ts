// Side-effect module, imported first by main.ts: AdminJS reads ADMIN_JS_TMP_DIR once, when its
// modules are first evaluated, to decide where the components bundle goes. Its default, `.adminjs`,
// is a dot-folder that Express 5's static serving ignores, so production served the bundle as 404
// (docs/decisions/0013-admin-bundle-outside-a-dot-folder.md). ES modules evaluate in import order,
// so setting it here, before anything imports adminjs, is early enough. The default lives in
// config.ts with every other setting.
import { configSchema } from './config.js';

process.env.ADMIN_JS_TMP_DIR = configSchema.shape.ADMIN_JS_TMP_DIR.parse(process.env.ADMIN_JS_TMP_DIR || undefined);
