/** `diplograph export` options: parsed and checked in one place, every problem named. */
import { parseArgs } from 'node:util';
import { isRelationName } from '../ontology.ts';
import { EXPORT_FORMATS, type ExportFilter, type ExportFormat } from './types.ts';

export interface ExportOptions {
  format: ExportFormat;
  filter: ExportFilter;
  /** null: standard output. */
  out: string | null;
  help: boolean;
}

export class ExportArgsError extends Error {
  readonly code = 'EXPORT_ARGS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ExportArgsError';
  }
}

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function parseExportArgs(args: string[]): ExportOptions {
  let values: {
    format?: string;
    from?: string;
    to?: string;
    relations?: string;
    measure?: string;
    out?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        format: { type: 'string', short: 'f' },
        from: { type: 'string' },
        to: { type: 'string' },
        relations: { type: 'string', short: 'r' },
        measure: { type: 'string' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ExportArgsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { format: 'json', filter: { from: null, to: null, relations: null }, out: null, help: true };
  const problems: string[] = [];
  const format = values.format;
  if (format === undefined) problems.push(`--format is required: ${EXPORT_FORMATS.join(' | ')}`);
  else if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    problems.push(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  for (const name of ['from', 'to'] as const) {
    const v = values[name];
    if (v !== undefined && !isCalendarDay(v))
      problems.push(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  if (values.from && values.to && isCalendarDay(values.from) && isCalendarDay(values.to) && values.from > values.to)
    problems.push(`--from ${values.from} is after --to ${values.to}`);
  let relations: string[] | null = null;
  if (values.relations !== undefined) {
    relations = [
      ...new Set(
        values.relations
          .split(',')
          .map((r) => r.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
    const unknown = relations.filter((r) => !isRelationName(r));
    if (unknown.length > 0)
      problems.push(`--relations: unknown ${unknown.join(', ')} (see schema/ontology/relations.json)`);
    if (relations.length === 0) problems.push('--relations is empty');
  }
  const measure = (values.measure ?? 'INCIDENTS').toUpperCase();
  if (measure !== 'REPORTS' && measure !== 'INCIDENTS')
    problems.push(`--measure must be reports or incidents, got ${JSON.stringify(values.measure)}`);
  if (problems.length > 0) throw new ExportArgsError(problems.join('\n'));
  return {
    format: format as ExportFormat,
    filter: {
      from: values.from ?? null,
      to: values.to ?? null,
      relations,
      measure: measure as 'REPORTS' | 'INCIDENTS',
    },
    out: values.out ?? null,
    help: false,
  };
}
