import { ROLE_SCOPES, type Caller, type CallerAuthenticator } from '@sahem/kit';

/**
 * Who the subgraphs act for when a request carries no caller token: a platform admin, who sees
 * every field, as the bench's bearer tokens do through Sahem's gateway.
 */
export const BENCH_CALLER: Caller = Object.freeze({
  subject: 'bench-admin',
  role: 'platform_admin',
  scopes: ROLE_SCOPES.platform_admin,
  agency: null,
  volunteerId: null,
});

/**
 * **Bench harness only, never product code.** Stock `@apollo/gateway` and Hive Gateway cannot
 * mint Sahem's caller tokens (audience per subgraph, bound to the body, used once), and the
 * subgraphs refuse any request without one. In the bench the subgraphs verify a caller token
 * whenever one is present, exactly as in production (a forged, expired or replayed one is still
 * refused), and act for {@link BENCH_CALLER} when there is none. So Sahem's gateway pays for
 * signing and the subgraphs for verifying, and the peers pay for neither: the report says so.
 */
export function benchAuthenticator(
  verify: CallerAuthenticator,
  fixed: Caller = BENCH_CALLER,
): CallerAuthenticator {
  return (request) => (request.token === undefined ? Promise.resolve(fixed) : verify(request));
}
