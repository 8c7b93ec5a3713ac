// The documentation's code examples compile, its verbatim blocks equal their files, the commands it
// names exist, and its links lead somewhere (scripts/check-doc-examples.ts says how). Each check is
// also shown a broken example, so a checker that silently checks nothing fails here too.
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  checkCommands,
  checkLinks,
  checkQuotedPaths,
  checkTypeScript,
  checkVerbatim,
  codeBlocks,
  docFiles,
  formatProblems,
  slug,
} from '../../scripts/check-doc-examples.js';

const docs = docFiles().map((file) => ({ file, markdown: fs.readFileSync(path.join(REPO_ROOT, file), 'utf8') }));

describe('the documentation', () => {
  it('covers the README, docs/*.md (not docs/decisions) and the plugin README', () => {
    const files = docs.map((doc) => doc.file);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/operations.md', 'docs/guarantees.md', 'docs/design.md', 'plugin/README.md']));
    expect(files.some((file) => file.startsWith('docs/decisions/'))).toBe(false);
  });

  it('links only to files and headings that exist, and quotes only paths that exist', () => {
    expect(formatProblems(docs.flatMap(({ file, markdown }) => [...checkLinks(file, markdown), ...checkQuotedPaths(file, markdown)]))).toBe('');
  });

  it('names only npm scripts and files that exist', () => {
    expect(formatProblems(docs.flatMap(({ file, markdown }) => checkCommands(file, markdown)))).toBe('');
  });

  it('copies the files its verbatim blocks name, exactly', () => {
    const blocks = docs.map(({ file, markdown }) => ({ file, blocks: codeBlocks(markdown) }));
    expect(blocks.flatMap(({ blocks: all }) => all.filter((block) => block.marker?.startsWith('verbatim:'))).length).toBeGreaterThan(0);
    expect(formatProblems(blocks.flatMap(({ file, blocks: all }) => checkVerbatim(file, all)))).toBe('');
  });

  it('has TypeScript examples that type-check against the real packages (and a broken one is caught at its line)', () => {
    const broken = {
      file: 'test/docs/broken-example.md',
      markdown: ['# A broken example', '', '```ts', "import { createAuditPlugin } from '@hashtrail/adminjs-audit';", '', 'createAuditPlugin({ dataSource: 42 });', '```', ''].join('\n'),
    };
    const problems = checkTypeScript([...docs, broken]);
    const [ofBroken, ofDocs] = [problems.filter((p) => p.file === broken.file), problems.filter((p) => p.file !== broken.file)];
    expect(formatProblems(ofDocs)).toBe('');
    expect(ofBroken.map((p) => p.line)).toContain(6);
  }, 120_000);
});

describe('the checker', () => {
  it('reports a missing file, a missing heading, an unknown script and a quoted path that does not exist', () => {
    const markdown = ['# Title', '', '[gone](docs/nowhere.md), [here](#title), [no](#nope)', '', '```sh', 'npm run no-such-script', 'cd plugin && npm run build', '```', ''].join('\n');
    expect(checkLinks('README.md', markdown).map((p) => p.message)).toEqual([
      'link docs/nowhere.md: docs/nowhere.md does not exist',
      'link #nope: README.md has no heading #nope',
    ]);
    expect(checkCommands('README.md', markdown).map((p) => p.line)).toEqual([6]);
    expect(checkQuotedPaths('README.md', 'See `src/config.ts` and `test/app/gone.test.ts`.\n').map((p) => p.message)).toEqual([
      '`test/app/gone.test.ts` names a file that does not exist',
    ]);
  });

  it('reports a verbatim block that drifted from its file', () => {
    const markdown = ['<!-- verbatim: examples/shop-admin/src/main.ts -->', '```ts', "console.log('not the file');", '```', ''].join('\n');
    expect(checkVerbatim('plugin/README.md', codeBlocks(markdown))).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it("makes GitHub's heading anchors", () => {
    expect(slug('On a distributed PostgreSQL (Citus, distributed by account id)')).toBe('on-a-distributed-postgresql-citus-distributed-by-account-id');
    expect(slug('Hosts with synchronize: true')).toBe('hosts-with-synchronize-true');
    expect(slug("MessageHub's suite")).toBe('messagehubs-suite');
  });
});
