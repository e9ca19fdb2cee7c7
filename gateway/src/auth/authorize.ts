import type { Caller } from '@sahem/kit';
import { POLICIES } from './policies.ts';
import type { Requirement } from './requirements.ts';

/** Why a requirement is not met, or null when it is. */
export function refusal(requirement: Requirement, caller: Caller): string | null {
  const anonymous = caller.role === 'anonymous';
  if ((requirement.authenticated || requirement.scopes || requirement.policies) && anonymous) {
    return 'authentication is required';
  }
  if (
    requirement.scopes &&
    !requirement.scopes.some((all) => all.every((s) => caller.scopes.includes(s)))
  ) {
    return `it needs the scope ${requirement.scopes.map((all) => all.join(' and ')).join(' or ')}`;
  }
  if (
    requirement.policies &&
    !requirement.policies.some((all) => all.every((name) => POLICIES[name]?.(caller) ?? false))
  ) {
    return `it is reserved by the policy ${requirement.policies.map((all) => all.join(' and ')).join(' or ')}`;
  }
  return null;
}
