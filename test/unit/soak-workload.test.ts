/** How the soak (scripts/soak/) counts an answer: the code it is tallied under must not hide an "Unexpected error.". */
import { describe, expect, it } from 'vitest';
import { codeOf, hostileIngests } from '../../scripts/soak/workload.ts';
import { MAX_INPUT_BYTES } from '../../src/ingest/errors.ts';

describe('soak: codeOf', () => {
  it('counts an answer with an "Unexpected error." as INTERNAL_SERVER_ERROR even when another error comes first', () => {
    const body = {
      errors: [
        { message: 'id: no actor with id "x"', extensions: { code: 'NOT_FOUND' } },
        { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    };
    expect(codeOf(200, body)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' });
  });

  it('adds the inputCode of a refused article, and reads what an ingest answered', () => {
    const refused = {
      errors: [{ message: 'text is empty', extensions: { code: 'BAD_USER_INPUT', inputCode: 'EMPTY_INPUT' } }],
    };
    expect(codeOf(200, refused).code).toBe('BAD_USER_INPUT/EMPTY_INPUT');
    const stored = { data: { ingestArticle: { status: 'UPDATED', events: [{ id: 'a' }, { id: 'b' }] } } };
    expect(codeOf(200, stored)).toEqual({ code: 'OK', note: 'UPDATED, 2 events' });
  });

  it('an error without a code, and a non-200 answer without errors, are not counted as OK', () => {
    expect(codeOf(200, { errors: [{ message: 'boom' }] }).code).toBe('NO_CODE');
    expect(codeOf(503, { data: null }).code).toBe('HTTP_503');
  });
});

describe('soak: hostile inputs', () => {
  it('the huge single line is under the size limit and the oversized one over it, both without a line break', () => {
    const byName = new Map(hostileIngests('China condemned the United States.').map((h) => [h.name, h]));
    const line = byName.get('huge-single-line')?.input?.text ?? '';
    const over = byName.get('over-size-limit')?.input?.text ?? '';
    expect(Buffer.byteLength(line, 'utf8')).toBeGreaterThan(MAX_INPUT_BYTES - 200 * 1024);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(MAX_INPUT_BYTES);
    expect(Buffer.byteLength(over, 'utf8')).toBeGreaterThan(MAX_INPUT_BYTES);
    expect(line.includes('\n') || over.includes('\n')).toBe(false);
  });
});
