import { describe, expect, it } from 'vitest';
import { operationDocuments } from '../src/operationDocuments.ts';

const file = (name: string, source: string) => ({ file: name, source });

describe('operationDocuments', () => {
  const cell = file(
    'fragments/Cell.graphql',
    '# A cell.\nfragment Cell on BreakdownCell {\n  kind\n  ...Figures\n}\n\nfragment Figures on BreakdownCell {\n  verifiedHours\n}\n\nfragment Unused on BreakdownCell {\n  gender\n}\n',
  );

  it('appends the fragments an operation spreads, and those they spread, as written', () => {
    const [breakdown] = operationDocuments([
      file(
        'Breakdown.graphql',
        'query B {\n  nationalPeriod(period: "2026") { breakdown(by: [KIND]) { ...Cell } }\n}\n',
      ),
      cell,
    ]);
    expect(breakdown).toEqual({
      file: 'Breakdown.graphql',
      source:
        'query B {\n  nationalPeriod(period: "2026") { breakdown(by: [KIND]) { ...Cell } }\n}\n\n' +
        'fragment Cell on BreakdownCell {\n  kind\n  ...Figures\n}\n\n' +
        'fragment Figures on BreakdownCell {\n  verifiedHours\n}\n',
    });
  });

  it('leaves out files of fragments only, and leaves operations without spreads as they are', () => {
    const plain = file('Plain.graphql', 'query P { agencies { code } }\n');
    expect(operationDocuments([cell, plain])).toEqual([plain]);
  });

  it('keeps a fragment defined in the operation file itself there, once', () => {
    const own = file(
      'Own.graphql',
      'query O { agencies { ...A } }\nfragment A on Agency { code }\n',
    );
    expect(operationDocuments([own])).toEqual([own]);
  });

  it('names a fragment spread but defined nowhere, and one defined twice', () => {
    expect(() =>
      operationDocuments([file('X.graphql', 'query X { agencies { ...Missing } }')]),
    ).toThrow('X.graphql spreads ...Missing, which no file defines');
    expect(() =>
      operationDocuments([cell, file('Again.graphql', 'fragment Cell on Agency { code }')]),
    ).toThrow('fragment Cell is defined twice (again in Again.graphql)');
  });
});
