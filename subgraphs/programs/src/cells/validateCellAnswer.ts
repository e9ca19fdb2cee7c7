/** The register's values of one participant, as the cell sync stores them. */
export interface CellValues {
  volunteerId: string;
  gender: 'FEMALE' | 'MALE';
  birthYear: number;
}

/** What one answer of the gateway gives: cells to store, and the ids it gave no values for. */
export interface CellAnswer {
  cells: CellValues[];
  /** Asked, and answered without both values (another agency's volunteer, null in the register). */
  withheld: string[];
}

/** An answer the sync will not store anything of: it does not read as the question's answer. */
export class CellAnswerError extends Error {
  override name = 'CellAnswerError';
}

const GENDERS: ReadonlySet<string> = new Set(['FEMALE', 'MALE']);
/** The oldest birth year believed: nobody alive and volunteering was born earlier. */
export const OLDEST_BIRTH_YEAR = 1900;

/**
 * Checks a gateway answer to {@link PARTICIPANT_CELLS_DOCUMENT} against the question: every
 * volunteer returned was asked (once), gender is one of the enum's values, the birth year an
 * integer between 1900 and the current year. The whole answer is refused on the first problem
 * rather than stored in part: an answer with one forged or garbled row says the path from the
 * register cannot be trusted this time, and the next run asks again. A volunteer answered with
 * null values (a `FORBIDDEN` error at their fields: this instance's token may not see them) is
 * withheld, not refused; any other GraphQL error refuses the answer.
 */
export function validateCellAnswer(
  asked: readonly string[],
  body: unknown,
  now: Date = new Date(),
): CellAnswer {
  const wanted = new Set(asked);
  if (!isObject(body)) throw new CellAnswerError('the answer is not a JSON object');
  const errors = body.errors;
  if (errors !== undefined) {
    if (!Array.isArray(errors)) throw new CellAnswerError('errors is not a list');
    for (const error of errors) {
      const code = isObject(error) && isObject(error.extensions) ? error.extensions.code : null;
      if (code !== 'FORBIDDEN') {
        const message = isObject(error) ? String(error.message) : String(error);
        throw new CellAnswerError(`the gateway answered an error: ${String(code)}: ${message}`);
      }
    }
  }
  const connection = isObject(body.data) ? body.data.volunteers : undefined;
  if (!isObject(connection) || !Array.isArray(connection.edges)) {
    throw new CellAnswerError('the answer has no data.volunteers.edges');
  }
  const latest = now.getUTCFullYear();
  const seen = new Set<string>();
  const cells: CellValues[] = [];
  for (const edge of connection.edges) {
    const node = isObject(edge) ? edge.node : undefined;
    if (!isObject(node) || typeof node.id !== 'string') {
      throw new CellAnswerError('an edge has no node with an id');
    }
    const { id, gender, birthYear } = node;
    if (!wanted.has(id)) throw new CellAnswerError(`volunteer ${printable(id)} was not asked for`);
    if (seen.has(id)) throw new CellAnswerError(`volunteer ${printable(id)} is answered twice`);
    seen.add(id);
    if (gender === null || birthYear === null || gender === undefined || birthYear === undefined) {
      continue;
    }
    if (typeof gender !== 'string' || !GENDERS.has(gender)) {
      throw new CellAnswerError(
        `volunteer ${id} has gender ${printable(gender)}, not FEMALE or MALE`,
      );
    }
    if (
      typeof birthYear !== 'number' ||
      !Number.isInteger(birthYear) ||
      birthYear < OLDEST_BIRTH_YEAR ||
      birthYear > latest
    ) {
      throw new CellAnswerError(
        `volunteer ${id} has birth year ${printable(birthYear)}, not a year from ${OLDEST_BIRTH_YEAR} to ${latest}`,
      );
    }
    cells.push({ volunteerId: id, gender: gender as CellValues['gender'], birthYear });
  }
  const stored = new Set(cells.map((cell) => cell.volunteerId));
  return { cells, withheld: asked.filter((id) => !stored.has(id)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value for a log line, cut short: an answer may carry anything. */
function printable(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
