// The source tree as data: every module under src/, what it imports, what its first comment says,
// and the floors the folders stand on. Read by the layout test (source-tree.test.mjs), which
// fails on an import cycle or an import that runs upward or sideways, and by
// scripts/docs-layout.mjs, which writes the file table of docs/architecture.md from it (the test
// fails when that table is stale).
import fs from 'node:fs';
import path from 'node:path';

/**
 * Folders of src/, lowest floor first. A module may import its own top folder and folders on
 * lower floors only: never one on its own floor or above. The ground floor imports nothing of ours.
 */
export const FLOORS = [
  { floor: 'ground', folders: ['contracts'], role: 'types and checks of everything that crosses a boundary or is stored: protocol, stored model, session log and NDJSON formats, settings, UTF-8' },
  { floor: 'protocols', folders: ['protocols'], role: 'pure decoders of the protocols spoken over WebSocket (Socket.IO, GraphQL, STOMP, MQTT, SignalR…) and their detection; never imported by the page hook or relay' },
  { floor: 'storage and analysis', folders: ['store', 'settings', 'analysis'], role: 'IndexedDB schema and reads; settings store and normalisation; the pure findings analysis' },
  { floor: 'page and formats', folders: ['hook', 'relay', 'formats'], role: 'the page hook and the isolated relay (they import the ground floor only); pure writers, readers and redaction of the export formats' },
  { floor: 'export', folders: ['export'], role: 'the one export pipeline: scope → analysed scope → a format, with the options the settings give' },
  { floor: 'entry points', folders: ['background', 'exporter', 'panel', 'viewer', 'options', 'devtools', 'recorder', 'demo'], role: 'extension pages, the service worker, the Node recorder and the demo server' },
];

/** Folders allowed fewer imports than their floor gives: they run inside every page. */
export const ONLY = { hook: ['contracts'], relay: ['contracts'] };

const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.tsx?$/;

export function sourceFiles(root, { tests = false } = {}) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && (tests || !TEST.test(e.name))) out.push(rel);
    }
  };
  walk('src');
  return out;
}

/** Relative imports of a module (static, re-exports, `import()` and `new URL(…, import.meta.url)`), as tree paths. */
export function importsOf(root, file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out = new Set();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/g)) {
    const target = resolve(root, path.posix.join(path.posix.dirname(file), m[2]));
    if (target) out.add(target);
  }
  return [...out];
}

function resolve(root, spec) {
  const p = path.posix.normalize(spec);
  const bare = p.replace(/\.js$/, '');
  for (const c of [p, `${bare}.ts`, `${bare}.tsx`, `${bare}/index.ts`]) {
    const full = path.join(root, c);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return c;
  }
  return null;
}

export const topFolder = (file) => file.split('/')[1];

export function floorOf(folder) {
  return FLOORS.findIndex((f) => f.folders.includes(folder));
}

/** Imports that break the floors: [from, to, why]. */
export function layerViolations(graph) {
  const out = [];
  for (const [from, deps] of graph) {
    const a = topFolder(from);
    for (const to of deps) {
      const b = topFolder(to);
      if (a === b) continue;
      if (ONLY[a] && !ONLY[a].includes(b)) out.push([from, to, `${a}/ may import only ${ONLY[a].join(', ')}/`]);
      else if (floorOf(a) < 0 || floorOf(b) < 0) out.push([from, to, `a folder on no floor (${floorOf(a) < 0 ? a : b}/): add it to FLOORS`]);
      else if (floorOf(b) >= floorOf(a)) out.push([from, to, floorOf(b) === floorOf(a) ? 'sideways, on one floor' : 'upward']);
    }
  }
  return out;
}

/** Every import cycle (strongly connected component of more than one module, or a self-import). */
export function importCycles(graph) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const idx = new Map();
  const low = new Map();
  const cycles = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

export function importGraph(root) {
  return new Map(sourceFiles(root, { tests: false }).map((f) => [f, importsOf(root, f)]));
}

/** The first comment of a module, as one line: what the file is for. */
export function purposeOf(root, file) {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const words = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (/^\/\/( |$)/.test(line)) words.push(line.replace(/^\/\/ ?/, ''));
    else if (/^\/\*\*?/.test(line) || (words.length && /^\*/.test(line))) words.push(line.replace(/^\/\*\*?|\*\/$|^\*\/?/g, '').trim());
    else if ((line === '' || line.startsWith('#!')) && words.length === 0) continue;
    else break;
    if (/\*\/$/.test(line) || /[.:]$/.test(words.at(-1) ?? '')) break;
  }
  let text = words.join(' ').replace(/\s+/g, ' ').trim();
  if (!text) {
    // No header comment: the doc comment of the first export says what the module offers.
    const doc = /\/\*\*([\s\S]*?)\*\/\s*export\b/.exec(lines.join('\n'));
    text = (doc?.[1] ?? '').replace(/^\s*\*/gm, ' ').replace(/\s+/g, ' ').trim();
  }
  const first = /^(.*?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}

export const TABLE_BEGIN = '<!-- source-tree:begin (written by `npm run docs:layout`; a unit test fails when it is stale) -->';
export const TABLE_END = '<!-- source-tree:end -->';

/** The file table of docs/architecture.md: floors, then every module of src/ by folder. */
export function layoutTable(root) {
  const files = sourceFiles(root);
  const lines = [TABLE_BEGIN, '', '| floor | folders | role |', '| --- | --- | --- |'];
  FLOORS.forEach((f, i) => lines.push(`| ${i} ${f.floor} | ${f.folders.map((d) => `\`${d}/\``).join(', ')} | ${f.role} |`));
  lines.push('', `${files.length} modules (tests beside them not counted):`, '');
  const byFolder = new Map();
  for (const f of files) {
    const dir = path.posix.dirname(f);
    if (!byFolder.has(dir)) byFolder.set(dir, []);
    byFolder.get(dir).push(f);
  }
  for (const [dir, list] of byFolder) {
    lines.push(`**\`${dir}/\`**`, '', '| module | what it is |', '| --- | --- |');
    for (const f of list) lines.push(`| \`${path.posix.basename(f)}\` | ${(purposeOf(root, f) || '—').replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  lines.push(TABLE_END);
  return lines.join('\n');
}
