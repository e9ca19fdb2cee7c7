import type { ParticipationStatus, ProgramStatus } from './__generated__/prisma/client.ts';

/**
 * Which program statuses may follow which. A draft is published (OPEN) or dropped straight to
 * CLOSED; an open program closes its applications and may reopen; COMPLETED is final.
 */
export const PROGRAM_TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  DRAFT: ['OPEN', 'CLOSED'],
  OPEN: ['CLOSED', 'COMPLETED'],
  CLOSED: ['OPEN', 'COMPLETED'],
  COMPLETED: [],
};

/**
 * Which participation statuses may follow which: an application is accepted, the first logged
 * hours make it ACTIVE, and anything not yet completed can be withdrawn.
 */
export const PARTICIPATION_TRANSITIONS: Record<
  ParticipationStatus,
  readonly ParticipationStatus[]
> = {
  APPLIED: ['ACCEPTED', 'WITHDRAWN'],
  ACCEPTED: ['ACTIVE', 'WITHDRAWN'],
  ACTIVE: ['COMPLETED', 'WITHDRAWN'],
  COMPLETED: [],
  WITHDRAWN: [],
};

/** Participation statuses that take a place in the program (count against capacity). */
export const HOLDS_A_PLACE: readonly ParticipationStatus[] = ['ACCEPTED', 'ACTIVE'];

/** Whether `from → to` is allowed (staying in the same status always is). */
export function canMove<S extends string>(
  transitions: Record<S, readonly S[]>,
  from: S,
  to: S,
): boolean {
  return from === to || transitions[from].includes(to);
}
