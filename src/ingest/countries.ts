/** The world-countries dataset as a typed array (its typings do not line up with NodeNext's CJS interop). */
import * as dataset from 'world-countries';
import type { Country } from 'world-countries';

const mod = dataset as unknown as { default?: Country[] | { default?: Country[] } };
const inner = mod.default;
export const COUNTRIES: readonly Country[] = Array.isArray(inner) ? inner : (inner?.default ?? []);
if (COUNTRIES.length < 200) throw new Error('world-countries: dataset not loaded');
