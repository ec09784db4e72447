#!/usr/bin/env node
// The package's CLI. TypeScript sources are loaded through tsx's loader, so no build step is needed
// between `npm install` and `npx diplograph`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
