import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationSource } from '../../../client/src/operationSource.ts';
import { PARTICIPANT_CELLS_DOCUMENT } from '../src/cells/participantCellsDocument.ts';
import { CellAnswerError, validateCellAnswer } from '../src/cells/validateCellAnswer.ts';

const manifest: Record<string, string> = JSON.parse(
  readFileSync(
    new URL('../../../client/src/__generated__/persisted-documents.json', import.meta.url),
    'utf8',
  ),
);
const NOW = new Date('2026-12-02T00:00:00Z');
const ASKED = ['V-0000001', 'V-0000002', 'V-0000003'];
const answer = (nodes: unknown[], errors?: unknown[]) => ({
  data: { volunteers: { edges: nodes.map((node) => ({ node })) } },
  ...(errors && { errors }),
});
const forbidden = (index: number, field: string) => ({
  message: 'Personal data is visible to …',
  path: ['volunteers', 'edges', index, 'node', field],
  extensions: { code: 'FORBIDDEN' },
});

describe('an answer of the register', () => {
  it('gives a cell per volunteer answered, and withholds those not answered', () => {
    const result = validateCellAnswer(
      ASKED,
      answer([
        { id: 'V-0000001', gender: 'FEMALE', birthYear: 1990 },
        { id: 'V-0000003', gender: 'MALE', birthYear: 2008 },
      ]),
      NOW,
    );
    expect(result).toEqual({
      cells: [
        { volunteerId: 'V-0000001', gender: 'FEMALE', birthYear: 1990 },
        { volunteerId: 'V-0000003', gender: 'MALE', birthYear: 2008 },
      ],
      withheld: ['V-0000002'],
    });
  });

  it('withholds a volunteer whose fields this agency may not see (null with FORBIDDEN)', () => {
    const result = validateCellAnswer(
      ASKED,
      answer(
        [
          { id: 'V-0000001', gender: null, birthYear: null },
          { id: 'V-0000002', gender: 'MALE', birthYear: 1970 },
        ],
        [forbidden(0, 'gender'), forbidden(0, 'birthYear')],
      ),
      NOW,
    );
    expect(result.cells.map((cell) => cell.volunteerId)).toEqual(['V-0000002']);
    expect(result.withheld).toEqual(['V-0000001', 'V-0000003']);
  });

  it.each<[string, unknown]>([
    ['a volunteer not asked for', answer([{ id: 'V-0009999', gender: 'MALE', birthYear: 1990 }])],
    [
      'a volunteer answered twice',
      answer([
        { id: 'V-0000001', gender: 'MALE', birthYear: 1990 },
        { id: 'V-0000001', gender: 'FEMALE', birthYear: 1991 },
      ]),
    ],
    ['a gender outside the enum', answer([{ id: 'V-0000001', gender: 'OTHER', birthYear: 1990 }])],
    ['a gender in lower case', answer([{ id: 'V-0000001', gender: 'male', birthYear: 1990 }])],
    ['a gender that is not text', answer([{ id: 'V-0000001', gender: 1, birthYear: 1990 }])],
    ['a birth year before 1900', answer([{ id: 'V-0000001', gender: 'MALE', birthYear: 1899 }])],
    ['a birth year in the future', answer([{ id: 'V-0000001', gender: 'MALE', birthYear: 2027 }])],
    ['a fractional birth year', answer([{ id: 'V-0000001', gender: 'MALE', birthYear: 1990.5 }])],
    ['a birth year as text', answer([{ id: 'V-0000001', gender: 'MALE', birthYear: '1990' }])],
    ['a node without an id', answer([{ gender: 'MALE', birthYear: 1990 }])],
    ['an id that is not text', answer([{ id: 1, gender: 'MALE', birthYear: 1990 }])],
    ['no connection', { data: { volunteers: null } }],
    ['no data at all', { errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] }],
    ['edges that are not a list', { data: { volunteers: { edges: {} } } }],
    ['a list instead of an object', []],
    ['text instead of an object', 'ok'],
    [
      'an error other than FORBIDDEN',
      answer([], [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]),
    ],
    ['an error without a code', answer([], [{ message: 'oops' }])],
  ])('is refused whole when it has %s', (_, body) => {
    expect(() => validateCellAnswer(ASKED, body, NOW)).toThrow(CellAnswerError);
  });

  it('accepts the first and the last plausible birth years', () => {
    const result = validateCellAnswer(
      ASKED,
      answer([
        { id: 'V-0000001', gender: 'MALE', birthYear: 1900 },
        { id: 'V-0000002', gender: 'FEMALE', birthYear: 2026 },
      ]),
      NOW,
    );
    expect(result.cells.map((cell) => cell.birthYear)).toEqual([1900, 2026]);
  });
});

describe('the question', () => {
  it('is the shipped client operation, so an enforce-mode gateway runs it', async () => {
    const shipped = await readFile(
      new URL('../../../client/src/operations/agency/ParticipantCells.graphql', import.meta.url),
      'utf8',
    );
    expect(print(parse(PARTICIPANT_CELLS_DOCUMENT))).toBe(print(parse(shipped)));
    // What the gateway compares in enforce mode: the normal form's hash, a key of the manifest.
    const sent = await operationSource(parse(PARTICIPANT_CELLS_DOCUMENT));
    expect(manifest[sent.sha256Hash]).toBe(sent.text);
  });
});
