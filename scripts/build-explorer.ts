/** `npm run build:explorer`: bundles the explorer page into dist/explorer/ (also run by `npm install`). */
import { relative } from 'node:path';
import { buildExplorer } from '../src/explorer/build.ts';

const minify = !process.argv.includes('--no-minify');
try {
  const build = await buildExplorer({ minify });
  console.log(
    `explorer: built ${build.files.length} files into ${relative(process.cwd(), build.distDir) || '.'} in ${build.ms} ms`,
  );
} catch (error) {
  console.error(`explorer: build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
