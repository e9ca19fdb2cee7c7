import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw new GraphQLError(`Date must be written YYYY-MM-DD; got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`${value} is not a calendar date.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

/** A calendar date, `YYYY-MM-DD`; resolvers see a `Date` at UTC midnight. */
export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD (ISO 8601).',
  serialize: (value) =>
    (value instanceof Date ? value : parseDate(value)).toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An instant, ISO 8601 with time zone; resolvers see a `Date`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, written in ISO 8601 with a time zone (2026-03-01T08:30:00Z).',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO 8601 string.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return date;
  },
});
