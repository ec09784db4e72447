/**
 * Builds the explorer page: bundles src/explorer/client/main.ts (sigma.js, graphology, the layout
 * worker) with esbuild into dist/explorer/, with content-hashed asset names, and writes index.html
 * pointing at them. Nothing is fetched at run time from anywhere but this server.
 */
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));
export const DEFAULT_DIST_DIR = resolve(fileURLToPath(new URL('../../dist/explorer/', import.meta.url)));

export interface ExplorerBuild {
  distDir: string;
  /** File names written under distDir. */
  files: string[];
  ms: number;
}

/** Bundles the client into distDir (replaced whole, so stale hashed assets do not pile up). */
export async function buildExplorer({ distDir = DEFAULT_DIST_DIR, minify = true } = {}): Promise<ExplorerBuild> {
  const started = performance.now();
  // esbuild is imported lazily so that serving an already built page never loads it.
  const esbuild = await import('esbuild');
  const staging = `${distDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'assets'), { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: join(CLIENT_DIR, 'main.ts'), style: join(CLIENT_DIR, 'style.css') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    outdir: join(staging, 'assets'),
    entryNames: '[name]-[hash]',
    minify,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = Object.entries(result.metafile.outputs);
  const find = (entry: string, ext: string): string => {
    const hit = outputs.find(([file, meta]) => file.endsWith(ext) && meta.entryPoint?.endsWith(entry));
    if (!hit) throw new Error(`explorer build: no output for ${entry}`);
    return `assets/${basename(hit[0])}`;
  };
  const template = await readFile(join(CLIENT_DIR, 'index.html'), 'utf8');
  const html = template.replace('%APP_JS%', find('main.ts', '.js')).replace('%STYLE_CSS%', find('style.css', '.css'));
  await writeFile(join(staging, 'index.html'), html);
  await rm(distDir, { recursive: true, force: true });
  await mkdir(resolve(distDir, '..'), { recursive: true });
  await rename(staging, distDir);
  const files = ['index.html', ...outputs.map(([file]) => `assets/${basename(file)}`)];
  return { distDir, files, ms: Math.round(performance.now() - started) };
}
