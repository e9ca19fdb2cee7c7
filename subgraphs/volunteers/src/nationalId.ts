import { createHmac } from 'node:crypto';

/** Why a national or resident id is refused, or `null` when it is valid. */
export function nationalIdProblem(id: string): string | null {
  if (!/^\d{10}$/.test(id)) return 'must be exactly 10 digits';
  if (id[0] !== '1' && id[0] !== '2') {
    return 'must start with 1 (citizen) or 2 (resident)';
  }
  if (!luhnValid(id)) return 'fails the checksum; check for a typing mistake';
  return null;
}

/**
 * The Luhn check as the Saudi national and resident ids apply it: digits in odd positions
 * (1st, 3rd, …) are doubled and their digits summed, the others added as they are; the total
 * of all ten digits must be a multiple of 10.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return sum % 10 === 0;
}

/** Completes nine digits with the check digit that makes a valid id (seed data, tests). */
export function withCheckDigit(nineDigits: string): string {
  for (let check = 0; check <= 9; check++) {
    if (luhnValid(`${nineDigits}${check}`)) return `${nineDigits}${check}`;
  }
  throw new Error('unreachable: one of ten check digits always satisfies Luhn');
}

/**
 * Keyed hash of an id: lets the store refuse a second registration of the same person without
 * keeping the number. The salt is a secret of the deployment, so the 10-digit space cannot be
 * enumerated from a leaked table.
 */
export function hashNationalId(id: string, salt: string): string {
  return createHmac('sha256', salt).update(id).digest('hex');
}

/** `******1234`: what may be shown of an id. */
export function maskNationalId(last4: string): string {
  return `******${last4}`;
}
