/**
 * How long a seeding transaction may run before Prisma aborts it: generous (a slow CI machine
 * must not fail a good seed), but finite, so a stuck seed is eventually rolled back.
 */
export function transactionTimeout(volunteers: number): number {
  return 120_000 + volunteers * 10;
}
