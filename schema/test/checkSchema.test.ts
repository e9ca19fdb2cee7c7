import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../checkSchema.ts';
import { composeSupergraph } from '../composeSupergraph.ts';
import { readAcknowledgements, type Acknowledgement } from '../readAcknowledgements.ts';
import { readClientDocuments } from '../readClientDocuments.ts';

const subgraph = (name: string) =>
  readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');

/** The subgraph's SDL with one edit, failing loudly if the text to edit has moved. */
function edited(name: string, from: string | RegExp, to: string): Record<string, string> {
  const sdl = subgraph(name);
  const next = sdl.replace(from, to);
  expect(next, `${String(from)} not found in subgraphs/${name}/schema.graphql`).not.toBe(sdl);
  return { [name]: next };
}

// The baseline is a fresh composition, so these tests judge the checker, not whether someone
// has run `npm run compose` (the composition test does that).
const current = composeSupergraph();
if (!current.ok) throw new Error(current.errors.map((error) => error.message).join('\n'));
const previousApiSdl = current.apiSchemaSdl;
const documents = readClientDocuments();

const REMOVE_SECTOR = edited('programs', '\n  sector: String!', '');
const SECTOR_REMOVED = "Field 'sector' was removed from object type 'Agency'";

describe('checkSchema', () => {
  it('passes when nothing changed, with every client document valid', async () => {
    const result = await checkSchema({ previousApiSdl, documents });
    expect(documents.length).toBeGreaterThanOrEqual(11);
    expect(result).toMatchObject({
      ok: true,
      breaking: [],
      dangerous: [],
      safe: [],
      brokenDocuments: [],
    });
  });

  it('fails on a removed field', async () => {
    const result = await checkSchema({ previousApiSdl, subgraphOverrides: REMOVE_SECTOR });
    expect(result.ok).toBe(false);
    expect(result.unacknowledged).toEqual([
      expect.objectContaining({
        level: 'BREAKING',
        type: 'FIELD_REMOVED',
        path: 'Agency.sector',
        message: SECTOR_REMOVED,
      }),
    ]);
  });

  it('fails on an argument that becomes required (nullable → non-null)', async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: edited('programs', /(\bprograms\([^)]*\bafter: String)(?!!)/, '$1!'),
    });
    expect(result.ok).toBe(false);
    expect(result.breaking).toEqual([
      expect.objectContaining({
        type: 'FIELD_ARGUMENT_TYPE_CHANGED',
        path: 'Query.programs.after',
        message:
          "Type for argument 'after' on field 'Query.programs' changed from 'String' to 'String!'",
      }),
    ]);
  });

  it('accepts an added field as a safe change', async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: edited(
        'programs',
        '\n  sector: String!',
        '\n  sector: String!\n  "The agency\'s public web site."\n  website: String',
      ),
      documents,
    });
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([]);
    expect(result.safe).toContainEqual(
      expect.objectContaining({
        level: 'NON_BREAKING',
        type: 'FIELD_ADDED',
        path: 'Agency.website',
      }),
    );
  });

  it('accepts a breaking change the team has acknowledged', async () => {
    const acknowledgement: Acknowledgement = {
      path: 'Agency.sector',
      message: SECTOR_REMOVED,
      reason: 'No client reads it; the sector moves to the agency registry.',
      approvedBy: 'Platform architecture board',
    };
    const stale: Acknowledgement = { ...acknowledgement, path: 'Agency.code', message: 'x' };
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: REMOVE_SECTOR,
      acknowledgements: [acknowledgement, stale],
    });
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([
      expect.objectContaining({ path: 'Agency.sector', acknowledgement }),
    ]);
    expect(result.unacknowledged).toEqual([]);
    expect(result.unusedAcknowledgements).toEqual([stale]);
  });

  it('reports each client document a schema change breaks, by file', async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: REMOVE_SECTOR,
      acknowledgements: [
        { path: 'Agency.sector', message: SECTOR_REMOVED, reason: 'test', approvedBy: 'test' },
      ],
      documents,
    });
    // Acknowledged or not, a shipped operation that no longer validates fails the check.
    expect(result.ok).toBe(false);
    expect(result.brokenDocuments).toEqual([
      {
        file: 'client/src/operations/common/ReferenceData.graphql',
        errors: [
          expect.stringMatching(/^Cannot query field "sector" on type "Agency"\. \(\d+:\d+\)$/),
        ],
      },
    ]);
  });

  it('reports a composition that fails', async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: edited('programs', 'ar: String!', 'ar: Int!'),
    });
    expect(result.ok).toBe(false);
    expect(result.compositionErrors.length).toBeGreaterThan(0);
  });
});

describe('the nullability rule at subgraph boundaries', () => {
  const BOUNDARY = (field: string) =>
    edited(
      'indicators',
      '\n  economicValue: EconomicValue\n    @requires(fields: "verifiedHoursBySkill { skillCode hours }")\n    @requiresScopes(scopes: [["aggregates:read"], ["programs:write"]])',
      `\n  economicValue: EconomicValue\n    @requires(fields: "verifiedHoursBySkill { skillCode hours }")\n    @requiresScopes(scopes: [["aggregates:read"], ["programs:write"]])\n  ${field}\n    @requires(fields: "verifiedHoursBySkill { skillCode hours }")\n    @requiresScopes(scopes: [["aggregates:read"], ["programs:write"]])`,
    );

  it('fails on a new non-null field of an entity resolved by another subgraph than its owner', async () => {
    // Program is owned by programs; the observatory adds a field to it.
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: BOUNDARY('"Hours valued."\n  hoursValued: Float!'),
    });
    expect(result.ok).toBe(false);
    expect(result.boundary).toEqual([
      expect.objectContaining({
        type: 'NON_NULL_ACROSS_BOUNDARY',
        path: 'Program.hoursValued',
        message: expect.stringContaining('resolved by indicators, not by programs'),
      }),
    ]);
    expect(result.unacknowledged.map((change) => change.path)).toEqual(['Program.hoursValued']);
  });

  it('accepts the same field nullable', async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: BOUNDARY('"Hours valued."\n  hoursValued: Float'),
    });
    expect(result.boundary).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("leaves non-null fields of the entity's own subgraph alone", async () => {
    const result = await checkSchema({
      previousApiSdl,
      subgraphOverrides: edited(
        'programs',
        '\n  sector: String!',
        '\n  sector: String!\n  "The agency\'s public web site."\n  website: String!',
      ),
    });
    expect(result.boundary).toEqual([]);
  });

  it('passes with an acknowledgement of that exact change', async () => {
    const overrides = BOUNDARY('"Hours valued."\n  hoursValued: Float!');
    const first = await checkSchema({ previousApiSdl, subgraphOverrides: overrides });
    const acknowledgements: Acknowledgement[] = first.boundary.map(({ path, message }) => ({
      path,
      message,
      reason: 'test',
      approvedBy: 'test',
    }));
    const second = await checkSchema({
      previousApiSdl,
      subgraphOverrides: overrides,
      acknowledgements,
    });
    expect(second.ok).toBe(true);
  });
});

describe('readAcknowledgements', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahem-ack-'));
  const write = (content: unknown) => {
    const file = path.join(dir, `${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('reads the committed file', () => {
    expect(() =>
      readAcknowledgements(new URL('../acknowledged-changes.json', import.meta.url)),
    ).not.toThrow();
  });

  it('treats a missing file as no acknowledgements', () => {
    expect(readAcknowledgements(path.join(dir, 'absent.json'))).toEqual([]);
  });

  it.each([
    [{ path: 'Agency.sector', message: 'm', approvedBy: 'board' }, 'reason'],
    [{ path: 'Agency.sector', message: 'm', reason: 'r', approvedBy: ' ' }, 'approvedBy'],
  ])('refuses %o without %s', (entry, missing) => {
    expect(() => readAcknowledgements(write([entry]))).toThrow(missing);
  });
});
