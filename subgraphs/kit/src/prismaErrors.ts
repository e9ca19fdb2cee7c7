import type { GraphQLError } from 'graphql';
import { CONFLICT, NOT_FOUND } from './errors.ts';

interface KnownRequestError {
  code: string;
  meta?: { target?: unknown; modelName?: string; cause?: string };
}

function isKnownRequestError(error: unknown): error is KnownRequestError {
  return (
    error instanceof Error &&
    error.name === 'PrismaClientKnownRequestError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/** What the translation says for each record kind, so messages read like the domain. */
export interface PrismaErrorContext {
  /** Human name of the record, e.g. `volunteer`. */
  entity: string;
  /** Input field to name for each unique column, e.g. `{ email: 'input.email' }`. */
  fields?: Record<string, string>;
  /** Argument to name when the record is missing (`P2025`), e.g. `id`. */
  notFoundField?: string;
}

/**
 * The single place where Prisma errors become GraphQL errors: a unique-constraint violation
 * (`P2002`) is a `CONFLICT`, a missing record (`P2025`) is `NOT_FOUND`. Anything else is
 * re-thrown unchanged, so unknown failures surface as internal errors instead of being
 * swallowed.
 */
export function translatePrismaError(error: unknown, context: PrismaErrorContext): never {
  if (isKnownRequestError(error)) {
    if (error.code === 'P2002') throw conflict(error, context);
    if (error.code === 'P2025') {
      throw NOT_FOUND.err(
        `The ${context.entity} does not exist.`,
        context.notFoundField ? { field: context.notFoundField } : {},
      );
    }
  }
  throw error;
}

function conflict(error: KnownRequestError, context: PrismaErrorContext): GraphQLError {
  const columns = uniqueColumns(error.meta);
  const column = columns.find((name) => context.fields?.[name]) ?? columns[0];
  const field = column === undefined ? undefined : (context.fields?.[column] ?? column);
  return CONFLICT.err(
    field
      ? `A ${context.entity} with the same ${field.replace(/^input\./, '')} already exists.`
      : `This ${context.entity} already exists.`,
    field ? { field } : {},
  );
}

/**
 * The violated columns. Prisma reports them as `meta.target`; through a driver adapter they
 * arrive as `meta.driverAdapterError.cause.constraint.fields` instead.
 */
function uniqueColumns(meta: KnownRequestError['meta']): string[] {
  const target = meta?.target;
  if (Array.isArray(target)) return target.map(String);
  const fields = (
    meta as { driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } }
  )?.driverAdapterError?.cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.map((name) => String(name).replace(/"/g, ''));
  if (typeof target === 'string') return [target];
  return [];
}

/** Runs `work`, translating Prisma errors as {@link translatePrismaError} does. */
export async function withPrismaErrors<T>(
  context: PrismaErrorContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    translatePrismaError(error, context);
  }
}
