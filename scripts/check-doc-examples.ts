// Checks the code examples and links of the documentation, so the docs cannot drift from the code:
//
// - every ```ts block of README.md, docs/*.md (not docs/decisions/) and plugin/README.md is
//   type-checked with the repository's TypeScript and tsconfig, against the real packages (the
//   plugin from its sources, by the `hashtrail-source` condition). Blocks are written to
//   test/docs/.generated/ (gitignored), one folder per Markdown file; plugin/README.md's blocks sit
//   next to a copy of examples/shop-admin/src, so their `./activities.js`, `./entities/Order.js`…
//   imports resolve to the quick start's files. Errors are reported at their Markdown line.
// - a block after `<!-- verbatim: path -->` must equal that file (path from the repository root).
// - a block after `<!-- example: fragment … -->` is not compiled (say why in the comment).
// - every `npm run X`, `npm start` and `npm test` names a script of the package it runs in
//   (`cd dir && npm run X`: dir's package.json; otherwise the root's, or for plugin/README.md the
//   root's, the plugin's or the example host's); every `npx tsx file` and `bash file` exists.
// - every relative link `](path)` points at an existing file, and `#fragment` at a heading; every
//   repository path quoted as inline code (`src/config.ts`) exists.
//
// `npx tsx scripts/check-doc-examples.ts` prints the problems (exit 1 if any);
// test/docs/examples.test.ts runs the same checks in `npm run test:app`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_DIR = path.join(REPO_ROOT, 'test/docs/.generated');


/** Folders whose sources are copied next to a Markdown file's blocks, for the blocks' relative imports. */
const BLOCK_CONTEXT: Record<string, string> = {
  'plugin/README.md': 'examples/shop-admin/src',
};

/** Packages whose scripts a Markdown file may name without `cd dir &&`. */
const SCRIPT_PACKAGES: Record<string, string[]> = {
  'plugin/README.md': ['.', 'plugin', 'examples/shop-admin'],
};

export interface Problem {
  /** Repository-relative Markdown file (or source file) and 1-based line. */
  file: string;
  line: number;
  message: string;
}

export interface CodeBlock {
  lang: string;
  /** 1-based line of the first line of code (after the opening fence). */
  line: number;
  code: string;
  /** The HTML comment right before the fence, if any: `verbatim: path` or `example: fragment …`. */
  marker?: string;
}

/** The Markdown files whose examples are checked, repository-relative. */
export function docFiles(): string[] {
  const docs = fs.existsSync(path.join(REPO_ROOT, 'docs'))
    ? fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)
    : [];
  return ['README.md', ...docs, 'plugin/README.md'];
}

/** Fenced code blocks, indentation removed (blocks inside list items are indented). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[end]!)) end++;
    let previous = i - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    const comment = previous >= 0 ? /^\s*<!--\s*(.*?)\s*-->\s*$/.exec(lines[previous]!) : null;
    const code = lines
      .slice(i + 1, end)
      .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line.trimStart()))
      .join('\n');
    blocks.push({ lang: lang!.toLowerCase(), line: i + 2, code: code + '\n', marker: comment?.[1] });
    i = end;
  }
  return blocks;
}

/** The Markdown text with code blocks and inline code blanked (line numbers kept). */
function proseOnly(markdown: string): string {
  const lines = markdown.split('\n');
  let inFence: string | null = null;
  return lines
    .map((line) => {
      const fence = /^\s*(`{3,})/.exec(line);
      if (inFence) {
        if (fence && fence[1] === inFence) inFence = null;
        return '';
      }
      if (fence) {
        inFence = fence[1]!;
        return '';
      }
      return line.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length));
    })
    .join('\n');
}

/** GitHub's anchor for a heading's text. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseOnly(markdown.replace(/`/g, '')).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Relative links: the file exists, and a `#fragment` names a heading of the Markdown file. */
export function checkLinks(file: string, markdown: string): Problem[] {
  const problems: Problem[] = [];
  const prose = proseOnly(markdown);
  for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const line = lineOf(prose, match.index);
    const [targetPath, fragment] = target.split('#', 2) as [string, string | undefined];
    const resolved = targetPath ? path.resolve(REPO_ROOT, path.dirname(file), decodeURI(targetPath)) : path.join(REPO_ROOT, file);
    const relative = path.relative(REPO_ROOT, resolved).split(path.sep).join('/');
    if (relative.startsWith('..')) {
      problems.push({ file, line, message: `link ${target} leaves the repository` });
      continue;
    }
    if (targetPath && !fs.existsSync(resolved)) {
      problems.push({ file, line, message: `link ${target}: ${relative} does not exist` });
      continue;
    }
    const targetText = targetPath ? (resolved.endsWith('.md') ? fs.readFileSync(resolved, 'utf8') : null) : markdown;
    if (fragment && targetText !== null && !anchorsOf(targetText).has(fragment.toLowerCase())) {
      problems.push({ file, line, message: `link ${target}: ${relative} has no heading #${fragment}` });
    }
  }
  return problems;
}

function scriptsOf(dir: string): Set<string> | null {
  const manifest = path.join(REPO_ROOT, dir, 'package.json');
  if (!fs.existsSync(manifest)) return null;
  return new Set(Object.keys((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {}));
}

/**
 * Repository paths quoted as inline code in the prose (`test/app/roles.test.ts`, `src/config.ts`)
 * exist: from the repository root, or from the Markdown file's folder. Paths starting with `./`,
 * or holding a placeholder (`<size>`, `…`), are the reader's own and are not checked; a link's text
 * (`[\`src/seed.ts\`](../examples/…)`) is checked as a link.
 */
export function checkQuotedPaths(file: string, markdown: string): Problem[] {
  const problems: Problem[] = [];
  const lines = markdown.split('\n');
  let inFence = false;
  lines.forEach((text, index) => {
    if (/^\s*```/.test(text)) inFence = !inFence;
    if (inFence) return;
    for (const match of text.matchAll(/(?<!\[)`([\w-][\w.-]*\/[\w./-]*\.(?:ts|tsx|js|mjs|sh|md|json))`/g)) {
      const quoted = match[1]!;
      const exists = [REPO_ROOT, path.join(REPO_ROOT, path.dirname(file))].some((base) => fs.existsSync(path.join(base, quoted)));
      if (!exists && !quoted.startsWith('dist/') && !quoted.startsWith('plugin/dist/')) {
        problems.push({ file, line: index + 1, message: `\`${quoted}\` names a file that does not exist` });
      }
    }
  });
  return problems;
}

/** `npm run X` / `npm start` / `npm test` name a script; `npx tsx file` and `bash file` exist. */
export function checkCommands(file: string, markdown: string): Problem[] {
  const problems: Problem[] = [];
  const packages = SCRIPT_PACKAGES[file] ?? ['.'];
  const lines = markdown.split('\n');
  lines.forEach((text, index) => {
    const line = index + 1;
    for (const match of text.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(start|test)\b)/g)) {
      const script = (match[1] ?? match[2])!;
      const cd = /\bcd\s+([\w./-]+)\s*&&\s*$/.exec(text.slice(0, match.index));
      const candidates = cd ? [path.normalize(cd[1]!)] : packages;
      const found = candidates.some((dir) => scriptsOf(dir)?.has(script));
      if (!found) {
        const where = candidates.map((dir) => (dir === '.' ? 'package.json' : `${dir}/package.json`)).join(' or ');
        problems.push({ file, line, message: `npm ${match[1] ? 'run ' : ''}${script}: no such script in ${where}` });
      }
    }
    for (const match of text.matchAll(/\b(?:npx tsx|bash) ((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)+|[\w.-]+\.(?:ts|sh))\b/g)) {
      const target = match[1]!;
      if (!fs.existsSync(path.join(REPO_ROOT, target))) problems.push({ file, line, message: `${match[0]}: ${target} does not exist` });
    }
  });
  return problems;
}

/** `<!-- verbatim: path -->` blocks equal the file they name. */
export function checkVerbatim(file: string, blocks: CodeBlock[]): Problem[] {
  const problems: Problem[] = [];
  for (const block of blocks) {
    const verbatim = /^verbatim:\s*(\S+)$/.exec(block.marker ?? '');
    if (!verbatim) continue;
    const source = path.join(REPO_ROOT, verbatim[1]!);
    if (!fs.existsSync(source)) {
      problems.push({ file, line: block.line, message: `verbatim: ${verbatim[1]} does not exist` });
      continue;
    }
    const expected = fs.readFileSync(source, 'utf8').split('\n');
    const actual = block.code.split('\n');
    const differs = expected.findIndex((text, i) => text !== actual[i]);
    const at = differs === -1 && actual.length !== expected.length ? Math.min(actual.length, expected.length) : differs;
    if (at !== -1) {
      problems.push({
        file,
        line: block.line + at,
        message: `verbatim block differs from ${verbatim[1]} at its line ${at + 1}: file has ${JSON.stringify(expected[at] ?? '<end>')}, block has ${JSON.stringify(actual[at] ?? '<end>')}`,
      });
    }
  }
  return problems;
}

const TS_LANGS = new Set(['ts', 'typescript', 'tsx']);

function isFragment(block: CodeBlock): boolean {
  return /^example:\s*fragment\b/.test(block.marker ?? '');
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(path.join(from, entry.name), path.join(to, entry.name));
    else if (/\.tsx?$/.test(entry.name)) fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/**
 * Writes every TypeScript block to test/docs/.generated/ and type-checks them all in one program.
 * Returns the problems, each at its Markdown line (or at the copied source file's own line).
 */
export function checkTypeScript(docs: Array<{ file: string; markdown: string }>): Problem[] {
  fs.rmSync(GENERATED_DIR, { recursive: true, force: true });
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  const origin = new Map<string, { file: string; line: number }>();
  for (const { file, markdown } of docs) {
    const blocks = codeBlocks(markdown).filter(
      (block) => TS_LANGS.has(block.lang) && !isFragment(block) && !/^verbatim:/.test(block.marker ?? ''),
    );
    const context = BLOCK_CONTEXT[file];
    if (blocks.length === 0 && !context) continue;
    const folder = path.join(GENERATED_DIR, file.replace(/\.md$/i, '').replace(/[^\w]+/g, '-').toLowerCase());
    if (context) {
      copyTree(path.join(REPO_ROOT, context), folder);
      const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else origin.set(full, { file: path.join(context, path.relative(folder, full)).split(path.sep).join('/'), line: 1 });
        }
      };
      walk(folder);
    }
    fs.mkdirSync(folder, { recursive: true });
    for (const block of blocks) {
      const generated = path.join(folder, `example-line-${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`);
      // A block with no import or export is a script; `export {}` makes it a module like the others.
      const code = /^\s*(import|export)\s/m.test(block.code) ? block.code : `${block.code}export {};\n`;
      fs.writeFileSync(generated, code);
      origin.set(generated, { file, line: block.line });
    }
  }
  fs.writeFileSync(
    path.join(GENERATED_DIR, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['**/*.ts', '**/*.tsx'] }, null, 2) + '\n',
  );
  if (origin.size === 0) return [];

  const configPath = path.join(GENERATED_DIR, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const problems: Problem[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) {
      problems.push({ file: 'test/docs/.generated/tsconfig.json', line: 1, message: `TS${diagnostic.code}: ${message}` });
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    // Errors inside the packages' own sources are `npm run typecheck`'s to report, not the docs'.
    const from = origin.get(path.resolve(diagnostic.file.fileName));
    if (from) problems.push({ file: from.file, line: from.line + line, message: `TS${diagnostic.code}: ${message}` });
  }
  return problems;
}

/** Every check over every documentation file. */
export function checkDocs(files = docFiles()): Problem[] {
  const problems: Problem[] = [];
  const docs = files.map((file) => ({ file, markdown: fs.readFileSync(path.join(REPO_ROOT, file), 'utf8') }));
  for (const { file, markdown } of docs) {
    const blocks = codeBlocks(markdown);
    problems.push(...checkLinks(file, markdown), ...checkQuotedPaths(file, markdown), ...checkCommands(file, markdown), ...checkVerbatim(file, blocks));
    for (const block of blocks) {
      if (isFragment(block) && !/^example:\s*fragment\s*\S/.test(block.marker ?? '')) {
        problems.push({ file, line: block.line - 1, message: 'a fragment marker says why: <!-- example: fragment (reason) -->' });
      }
    }
  }
  problems.push(...checkTypeScript(docs));
  return problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const problems = checkDocs();
  if (problems.length > 0) {
    console.error(formatProblems(problems));
    process.exit(1);
  }
  console.log(`docs OK: ${docFiles().join(', ')}`);
}
