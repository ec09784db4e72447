/** `diplograph export` options and the export's Cypher builder. */
import { describe, expect, it } from 'vitest';
import { ExportArgsError, parseExportArgs } from '../../src/export/args.ts';
import { buildExportQuery } from '../../src/export/cypher.ts';
import { RELATION_NAMES } from '../../src/ontology.ts';

describe('parseExportArgs', () => {
  it('reads format, dates, relations and the output file', () => {
    expect(
      parseExportArgs([
        '--format',
        'gexf',
        '--from',
        '2021-01-01',
        '--to',
        '2021-12-31',
        '--relations',
        'accuses, CONDEMNS',
        '--out',
        'n.gexf',
      ]),
    ).toEqual({
      format: 'gexf',
      filter: { from: '2021-01-01', to: '2021-12-31', relations: ['ACCUSES', 'CONDEMNS'], measure: 'INCIDENTS' },
      out: 'n.gexf',
      help: false,
    });
    expect(parseExportArgs(['-f', 'csv'])).toMatchObject({
      format: 'csv',
      filter: { from: null, to: null, relations: null },
      out: null,
    });
    expect(parseExportArgs(['-f', 'csv', '--measure', 'reports']).filter.measure).toBe('REPORTS');
    expect(() => parseExportArgs(['-f', 'csv', '--measure', 'articles'])).toThrow(/--measure/);
  });

  it('names every problem at once', () => {
    try {
      parseExportArgs(['--format', 'xlsx', '--from', '2021-02-30', '--relations', 'ACCUSES,HUGS']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExportArgsError);
      const message = (error as Error).message;
      expect(message).toContain('--format must be one of graphml, gexf, csv, json');
      expect(message).toContain('--from must be a date YYYY-MM-DD');
      expect(message).toContain('unknown HUGS');
    }
  });

  it('refuses a missing format, a reversed range and unknown options', () => {
    expect(() => parseExportArgs([])).toThrow(/--format is required/);
    expect(() => parseExportArgs(['-f', 'json', '--from', '2022-01-01', '--to', '2021-01-01'])).toThrow(/is after/);
    expect(() => parseExportArgs(['-f', 'json', '--limit', '3'])).toThrow(ExportArgsError);
  });
});

describe('buildExportQuery', () => {
  it('reads the stored network when no dates are given, over the closed list of relations', () => {
    const q = buildExportQuery({ from: null, to: null, relations: null });
    expect(q.cypher).toContain('MATCH (s:Actor)-[r]->(t:Actor)');
    expect(q.cypher).toContain('type(r) IN $relations');
    expect(q.params).toEqual({ relations: [...RELATION_NAMES] });
  });

  it('counts edges from events with a date range, leaving negated and hypothetical ones out', () => {
    const q = buildExportQuery({ from: '2021-01-01', to: null, relations: ['ACCUSES'] });
    expect(q.cypher).toContain('(e:Event)');
    expect(q.cypher).toContain('e.negated = false AND e.hypothetical = false');
    expect(q.params).toEqual({ relations: ['ACCUSES'], from: '2021-01-01', to: null });
    expect(q.cypher).not.toContain('ACCUSES');
  });
});
