/** The extraction contract, for the ingest modules: it lives in ../extraction.ts, shared with the store. */
export type * from '../extraction.ts';
