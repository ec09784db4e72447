/**
 * The dependency rule of ARCHITECTURE.md, checked on every import of src/: a folder imports only from a
 * lower layer, and only the store imports neo4j-driver for more than types. The layers are read from
 * ARCHITECTURE.md itself, so the page and the check cannot drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

/** The layer table between the `layers` markers of ARCHITECTURE.md: folder (or top-level module) → layer. */
function readLayers(markdown: string): Map<string, number> {
  const block = /<!-- layers[^>]*-->([\s\S]*?)<!-- \/layers -->/.exec(markdown)?.[1] ?? '';
  const layers = new Map<string, number>();
  for (const row of block.matchAll(/^\|\s*(\d+)\s*\|([^|]+)\|/gm)) {
    for (const name of row[2]!.split(',')) layers.set(name.trim(), Number(row[1]));
  }
  return layers;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(?:ts|mts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every static import, re-export and literal dynamic import() of a source text. */
export function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      out.push({ file, spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ file, spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push({ file, spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The folder of src/ a path (relative to the repository) belongs to: `src/ingest/x.ts` → `ingest`, `src/config.ts` → `config`. */
function unitOf(path: string): string | null {
  const parts = normalize(path).split('/');
  if (parts[0] !== 'src' || parts.length < 2) return null;
  return parts.length === 2 ? parts[1]!.replace(/\.(ts|mts|mjs)$/, '') : parts[1]!;
}

/** The imports that break the rule, as `file: spec (why)`. */
export function violations(imports: Import[], layers: Map<string, number>): string[] {
  const found: string[] = [];
  for (const { file, spec, typeOnly } of imports) {
    const from = unitOf(file);
    if (!from) continue;
    const fromLayer = layers.get(from);
    if (fromLayer === undefined) {
      found.push(`${file}: ${from} has no layer in ARCHITECTURE.md`);
      continue;
    }
    if (spec === 'neo4j-driver' || spec.startsWith('neo4j-driver/')) {
      if (from !== 'store' && !typeOnly) found.push(`${file}: ${spec} (only the store imports the driver's values)`);
      continue;
    }
    if (!spec.startsWith('.')) continue;
    const to = unitOf(join(dirname(file), spec));
    if (!to || to === from) continue;
    const toLayer = layers.get(to);
    if (toLayer === undefined) found.push(`${file}: ${spec} (${to} has no layer in ARCHITECTURE.md)`);
    else if (toLayer >= fromLayer)
      found.push(`${file}: ${spec} (${from}, layer ${fromLayer}, may not import ${to}, layer ${toLayer})`);
  }
  return found;
}

const layers = readLayers(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'));

describe('the dependency rule of ARCHITECTURE.md', () => {
  it('reads a layer for every folder and top-level module of src/', () => {
    const units = new Set(sources(join(ROOT, 'src')).map((f) => unitOf(relative(ROOT, f))!));
    expect(units.size).toBeGreaterThan(10);
    expect([...units].filter((u) => !layers.has(u))).toEqual([]);
    expect([...layers.keys()].filter((u) => !units.has(u))).toEqual([]);
  });

  it('finds an upward import, a same-layer import and a driver import outside the store', () => {
    const bad: Import[] = [
      { file: 'src/ingest/extract.ts', spec: '../store/writer.ts', typeOnly: false },
      { file: 'src/store/writer.ts', spec: '../ingest/extract.ts', typeOnly: true },
      { file: 'src/pipeline/ingest.ts', spec: 'neo4j-driver', typeOnly: false },
    ];
    const good: Import[] = [
      { file: 'src/pipeline/ingest.ts', spec: '../store/writer.ts', typeOnly: false },
      { file: 'src/pipeline/ingest.ts', spec: 'neo4j-driver', typeOnly: true },
      { file: 'src/ingest/extract.ts', spec: './roles.ts', typeOnly: false },
    ];
    expect(violations(bad, layers)).toHaveLength(3);
    expect(violations(good, layers)).toEqual([]);
  });

  it('tells a type-only import from a value import', () => {
    const kinds = importsOf(
      'x.ts',
      "import type { A } from 'a';\nimport { type B } from 'b';\nimport c, { type C } from 'c';\nexport * from 'd';\nawait import('e');",
    ).map((i) => `${i.spec}:${i.typeOnly}`);
    expect(kinds).toEqual(['a:true', 'b:true', 'c:false', 'd:false', 'e:false']);
  });

  it('holds for every import of src/', () => {
    const files = sources(join(ROOT, 'src'));
    const imports = files.flatMap((f) => importsOf(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(imports.length).toBeGreaterThan(300);
    expect(violations(imports, layers)).toEqual([]);
  });
});
