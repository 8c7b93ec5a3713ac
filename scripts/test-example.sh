#!/usr/bin/env bash
# Tests examples/shop-admin the way a stranger would use the plugin: builds and packs
# @hashtrail/adminjs-audit, copies the example to a fresh temporary folder, installs its
# dependencies and the packed tarball there (no workspace link), type-checks it and runs its tests
# against PostgreSQL on TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# each test file creates and drops a database of its own). Leaves nothing in the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/shop-admin-example.XXXXXX")"
# Removing the installed node_modules (~850 packages) takes most of a minute on a slow disk: it is
# done in the background once the result is known (the folder is outside the repository).
trap '(rm -rf "$WORK" >/dev/null 2>&1 &)' EXIT
started=$SECONDS

# The database the URL names is made if it does not exist yet (each test file then creates and
# drops one of its own on the same server).
echo "== PostgreSQL at ${TEST_DATABASE_URL%%\?*}"
node --input-type=module -e "
  import pg from 'pg';
  const url = new URL(process.env.TEST_DATABASE_URL);
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    if (error.code !== '3D000') { console.error('PostgreSQL is not reachable: ' + error.message); process.exit(1); }
    const name = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    const server = new pg.Client({ connectionString: url.toString() });
    await server.connect();
    await server.query('CREATE DATABASE ' + server.escapeIdentifier(name));
    await server.end();
    console.log('   created database ' + name);
  }"

# Built from a copy of plugin/ (its sources as they are now), so that nothing is written in the
# repository and a build of plugin/dist running at the same time (the app's build step deletes and
# rewrites it) cannot hand the tarball a half-written dist/. Its dependencies are the repository's.
echo "== building and packing the plugin"
mkdir "$WORK/plugin"
(cd "$ROOT/plugin" && tar --exclude=./node_modules --exclude=./dist --exclude='./*.tgz' -cf - .) | tar -xf - -C "$WORK/plugin"
ln -s "$ROOT/node_modules" "$WORK/plugin/node_modules"
(cd "$WORK/plugin" && npm run build --silent && npm pack --ignore-scripts --silent --pack-destination "$WORK" >/dev/null)
TARBALL="$(ls "$WORK"/hashtrail-adminjs-audit-*.tgz)"
echo "   $(basename "$TARBALL")"

echo "== copying examples/shop-admin to $WORK/shop-admin"
mkdir "$WORK/shop-admin"
(cd "$ROOT/examples/shop-admin" && tar --exclude=./node_modules --exclude=./.adminjs --exclude=./package-lock.json -cf - .) | tar -xf - -C "$WORK/shop-admin"

cd "$WORK/shop-admin"
echo "== npm install (the plugin from its tarball)"
# One install: the example's dependencies and the tarball (saved as a file: dependency of the copy).
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$TARBALL"
if [ -L node_modules/@hashtrail/adminjs-audit ] || [ ! -f node_modules/@hashtrail/adminjs-audit/dist/index.js ]; then
  echo "the plugin was not installed from the tarball" >&2
  exit 1
fi

echo "== type-check (tsc --noEmit)"
npx tsc --noEmit

echo "== tests"
npm test --silent

echo "== example passed in $((SECONDS - started))s"
