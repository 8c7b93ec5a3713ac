// The files the panel's pages load besides AdminJS's own scripts: the favicon and the Roboto font
// (@fontsource/roboto). Served by the app itself, before and after sign-in, so no page asks
// another site for anything (AdminJS's templates asked Google Fonts: see outside-fonts.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { FAVICON_PATH, STATIC_ROOT } from '../admin/branding.js';

/**
 * The project folder: the nearest one up with a package.json. This file runs from src/http (tsx,
 * tests) and from dist/src/http (npm start), and public/ sits at the top in both cases.
 */
function projectRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const PUBLIC_DIR = path.join(projectRoot(path.dirname(fileURLToPath(import.meta.url))), 'public');
/** The package's folder: its CSS files and their `./files/*.woff2` next to each other, as published. */
const ROBOTO_DIR = path.dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/package.json'));

// Fonts and the icon change only with a dependency or a release: a day in caches, revalidated by ETag after.
const CACHED = { maxAge: '1d', fallthrough: false, index: false as const };

export function staticAssets(): Router {
  const router = express.Router();
  router.get(FAVICON_PATH, (_req, res, next) => {
    res.sendFile(path.join(PUBLIC_DIR, 'favicon.ico'), { maxAge: CACHED.maxAge }, (error) => (error ? next(error) : undefined));
  });
  // Only the stylesheets and font files, not the package's other files (metadata, scss, licence).
  router.use(`${STATIC_ROOT}/fonts/roboto`, (req, res, next) => (/^\/(\d{3}\.css|files\/[\w-]+\.woff2?)$/.test(req.path) ? next() : res.status(404).end()));
  router.use(`${STATIC_ROOT}/fonts/roboto`, express.static(ROBOTO_DIR, CACHED));
  return router;
}
