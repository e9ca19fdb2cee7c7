import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema,
  isNonNullType,
  isObjectType,
  parse,
  Source,
  validate,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { boundaryFields } from './boundaryFields.ts';
import { composeSupergraph } from './composeSupergraph.ts';
import type { Acknowledgement } from './readAcknowledgements.ts';
import type { ClientDocument } from './readClientDocuments.ts';

/** What {@link checkSchema} compares. */
export interface CheckSchemaInput {
  /** The published contract clients build on: the committed `schema/api.graphql`. */
  previousApiSdl: string;
  /** Subgraph SDL by name instead of `subgraphs/<name>/schema.graphql` (tests, what-ifs). */
  subgraphOverrides?: Record<string, string>;
  /** Breaking changes the team has approved. @default [] */
  acknowledgements?: readonly Acknowledgement[];
  /** Client documents that must still validate against the new schema. @default [] */
  documents?: readonly ClientDocument[];
}

/** One difference between the previous and the new API schema. */
export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  /** Schema coordinate, e.g. `Agency.sector`; empty for a schema-wide change. */
  path: string;
  message: string;
  /** Why the change is breaking or dangerous, when graphql-inspector says. */
  reason?: string;
  /** The committed approval of a breaking change. */
  acknowledgement?: Acknowledgement;
}

/** A client document the new schema breaks. */
export interface BrokenDocument {
  file: string;
  /** Each problem with its position, e.g. `Cannot query field "sector" on type "Agency". (3:5)`. */
  errors: string[];
}

/** The outcome of {@link checkSchema}. */
export interface SchemaCheck {
  /** No composition error, no unacknowledged breaking change, no broken client document. */
  ok: boolean;
  compositionErrors: string[];
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  safe: SchemaChange[];
  /**
   * New non-null fields resolved across a subgraph boundary (their subgraph is not their
   * entity's): each one fails the check unless acknowledged like a breaking change.
   */
  boundary: SchemaChange[];
  /** Breaking changes without an acknowledgement: each one fails the check. */
  unacknowledged: SchemaChange[];
  /** Acknowledgements that match no change of this comparison (already published, or stale). */
  unusedAcknowledgements: Acknowledgement[];
  brokenDocuments: BrokenDocument[];
  /** The composed API schema the check judged. */
  apiSchemaSdl?: string;
}

/**
 * The schema check of `npm run schema:check`: composes the subgraphs, classifies every change
 * to the API schema against the published contract (breaking, dangerous, safe) with
 * graphql-inspector, and validates every client document against the new schema. A breaking
 * change passes only when the team has acknowledged it.
 */
export async function checkSchema(input: CheckSchemaInput): Promise<SchemaCheck> {
  const acknowledgements = input.acknowledgements ?? [];
  const composition = composeSupergraph(input.subgraphOverrides);
  if (!composition.ok) {
    return {
      ok: false,
      compositionErrors: composition.errors.map((error) => error.message),
      breaking: [],
      dangerous: [],
      safe: [],
      boundary: [],
      unacknowledged: [],
      unusedAcknowledgements: [],
      brokenDocuments: [],
    };
  }
  const next = buildSchema(composition.apiSchemaSdl);
  const previous = buildSchema(input.previousApiSdl);
  const changes = (await diff(previous, next)).map((change) => describe(change, acknowledgements));
  const breaking = changes.filter((change) => change.level === 'BREAKING');
  const boundary = newNonNullAcrossBoundary(composition.supergraphSdl, previous, acknowledgements);
  const unacknowledged = [...breaking, ...boundary].filter((change) => !change.acknowledgement);
  const brokenDocuments = validateDocuments(next, input.documents ?? []);
  return {
    ok: unacknowledged.length === 0 && brokenDocuments.length === 0,
    compositionErrors: [],
    breaking,
    dangerous: changes.filter((change) => change.level === 'DANGEROUS'),
    safe: changes.filter((change) => change.level === 'NON_BREAKING'),
    boundary,
    unacknowledged,
    unusedAcknowledgements: acknowledgements.filter(
      (ack) => ![...breaking, ...boundary].some((change) => change.acknowledgement === ack),
    ),
    brokenDocuments,
    apiSchemaSdl: composition.apiSchemaSdl,
  };
}

/**
 * Non-null fields across a subgraph boundary that the published contract does not have as
 * non-null (new fields, or fields made non-null): the rule of "Changing a schema" is that such a
 * field is nullable, so that its subgraph failing nulls it alone. Those already published stay
 * as they are (changing them is a breaking change of its own).
 */
function newNonNullAcrossBoundary(
  supergraphSdl: string,
  previous: GraphQLSchema,
  acknowledgements: readonly Acknowledgement[],
): SchemaChange[] {
  return boundaryFields(supergraphSdl)
    .filter((field) => field.nonNull)
    .filter((field) => {
      const [typeName, fieldName] = field.path.split('.') as [string, string];
      const type = previous.getType(typeName);
      const before = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      return !before || !isNonNullType(before.type);
    })
    .map((field) => {
      const message = `Field '${field.path}' is non-null (${field.type}) but resolved by ${field.resolvedBy.join(', ')}, not by ${field.owner} which owns its entity: make it nullable, so that a failure of ${field.resolvedBy.join(', ')} nulls this field alone`;
      const acknowledgement = acknowledgements.find(
        (ack) => ack.path === field.path && ack.message === message,
      );
      return {
        level: 'BREAKING' as const,
        type: 'NON_NULL_ACROSS_BOUNDARY',
        path: field.path,
        message,
        ...(acknowledgement && { acknowledgement }),
      };
    });
}

function describe(change: Change, acknowledgements: readonly Acknowledgement[]): SchemaChange {
  const path = change.path ?? '';
  const level =
    change.criticality.level === CriticalityLevel.Breaking
      ? 'BREAKING'
      : change.criticality.level === CriticalityLevel.Dangerous
        ? 'DANGEROUS'
        : 'NON_BREAKING';
  const acknowledgement =
    level === 'BREAKING'
      ? acknowledgements.find((ack) => ack.path === path && ack.message === change.message)
      : undefined;
  return {
    level,
    type: String(change.type),
    path,
    message: change.message,
    ...(change.criticality.reason && { reason: change.criticality.reason }),
    ...(acknowledgement && { acknowledgement }),
  };
}

function validateDocuments(
  schema: GraphQLSchema,
  documents: readonly ClientDocument[],
): BrokenDocument[] {
  const broken: BrokenDocument[] = [];
  for (const { file, source } of documents) {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(schema, parse(new Source(source, file)));
    } catch (syntaxError) {
      errors = [syntaxError as GraphQLError];
    }
    if (errors.length > 0) broken.push({ file, errors: errors.map(withPosition) });
  }
  return broken;
}

function withPosition(error: GraphQLError): string {
  const at = error.locations?.[0];
  return at ? `${error.message} (${at.line}:${at.column})` : error.message;
}
