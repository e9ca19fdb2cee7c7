import { FORBIDDEN, requireScope, type Caller } from '@sahem/kit';

/** Defence in depth for fields open to several scopes (`@requiresScopes` with alternatives). */
export function requireAnyScope(caller: Caller, scopes: readonly string[]): true {
  requireScope(caller, null, 'see economic values');
  if (!scopes.some((scope) => caller.scopes.includes(scope))) {
    throw FORBIDDEN.err(
      `Your role may not see this economic value (it needs ${scopes.join(' or ')}).`,
    );
  }
  return true;
}
