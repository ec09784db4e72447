// The entry of an extraction thread. A worker thread does not inherit the TypeScript loader of the thread that
// starts it (the CLI's, vitest's), so this plain module registers tsx's loader and then loads the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
