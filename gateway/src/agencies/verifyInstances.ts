import { GraphQLError } from 'graphql';
import type { AgencyRegistry, ProgramsInstance } from '@sahem/kit';
import { normalizeContract } from './normalizeContract.ts';

/** Where an instance stands with the gateway. */
export type InstanceState = 'unverified' | 'verified' | 'mismatch' | 'unreachable';

/** Checks, before any request reaches an instance, that it serves the composed contract. */
export interface InstanceVerifier {
  /** Resolves once `instance` is verified; throws (at once while it is known bad) otherwise. */
  ensure(instance: ProgramsInstance): Promise<void>;
  /** A new supergraph (and contract) is in service: every instance is verified again. */
  reset(contract: string | undefined): void;
  /** Each instance's state and, when not verified, why: for `/ready`. */
  states(): Record<string, { state: InstanceState; reason?: string }>;
}

/** Options of {@link instanceVerifier}. */
export interface InstanceVerifierOptions {
  registry: AgencyRegistry;
  /** Asks one instance a query (with the gateway's own caller token) and returns its `data`. */
  ask(instance: ProgramsInstance, query: string): Promise<Record<string, unknown> | undefined>;
  log: (line: string) => void;
  /** How soon an instance that failed is tried again; until then it fails at once. @default 2000 */
  retryMs?: number;
  /** How soon an instance found to serve another contract is checked again. @default 30000 */
  recheckMs?: number;
}

const CHECK = '{ _service { sdl } agencies { code } }';

/**
 * The gateway refuses an instance whose `_service { sdl }` is not the composed contract (compared
 * by meaning: `normalizeContract`), or that does not hold exactly the agencies the registry
 * gives it: such an instance would answer fields the planner does not expect, or records of
 * agencies it should not have. Checked before the first request an instance gets, again after
 * every supergraph reload, and again for an instance that failed (after `retryMs`) or was
 * refused (after `recheckMs`, in case its operator fixed it).
 */
export function instanceVerifier(options: InstanceVerifierOptions): InstanceVerifier {
  const retryMs = options.retryMs ?? 2_000;
  const recheckMs = options.recheckMs ?? 30_000;
  let contract: string | undefined;
  const entries = new Map<
    string,
    { state: InstanceState; reason?: string; at: number; checking?: Promise<void> }
  >();
  const entry = (instance: ProgramsInstance) => {
    let found = entries.get(instance.name);
    if (!found) entries.set(instance.name, (found = { state: 'unverified', at: 0 }));
    return found;
  };

  const check = async (instance: ProgramsInstance) => {
    const state = entry(instance);
    try {
      const data = await options.ask(instance, CHECK);
      const sdl = (data?._service as { sdl?: unknown } | undefined)?.sdl;
      const held = ((data?.agencies as { code?: unknown }[] | undefined) ?? [])
        .map((agency) => String(agency.code))
        .sort();
      let reason: string | undefined;
      if (contract === undefined) {
        reason = `the gateway has no composed contract for ${options.registry.subgraph} (run npm run compose)`;
      } else if (typeof sdl !== 'string' || normalizeContract(sdl).trimEnd() !== contract) {
        reason = `it serves a ${options.registry.subgraph} schema that differs from the composed contract`;
      } else if (held.join(',') !== [...instance.agencies].sort().join(',')) {
        reason = `it holds ${held.join(', ') || 'no agency'}, the registry says ${instance.agencies.join(', ')}`;
      }
      Object.assign(state, { state: reason ? 'mismatch' : 'verified', reason, at: Date.now() });
      options.log(
        reason
          ? `gateway: refused the ${options.registry.subgraph} instance ${instance.name} (${instance.url}): ${reason}`
          : `gateway: verified the ${options.registry.subgraph} instance ${instance.name} (${instance.url})`,
      );
    } catch (error) {
      Object.assign(state, {
        state: 'unreachable',
        reason: (error as Error).message,
        at: Date.now(),
      });
    }
  };

  return {
    async ensure(instance) {
      const state = entry(instance);
      if (state.state === 'verified') return;
      const wait = state.state === 'mismatch' ? recheckMs : retryMs;
      if (state.state === 'unverified' || Date.now() - state.at >= wait) {
        state.checking ??= check(instance).finally(() => (state.checking = undefined));
        await state.checking;
      }
      if ((state.state as InstanceState) === 'verified') return;
      throw new GraphQLError(
        state.state === 'mismatch'
          ? `the gateway refused it: ${state.reason}`
          : `it could not be reached (${state.reason})`,
        {
          extensions: {
            code:
              state.state === 'mismatch' ? 'SUBGRAPH_CONTRACT_MISMATCH' : 'SUBGRAPH_UNAVAILABLE',
          },
        },
      );
    },
    reset(next) {
      contract = next;
      entries.clear();
    },
    states: () =>
      Object.fromEntries(
        options.registry.instances.map((instance) => {
          const state = entries.get(instance.name);
          return [
            instance.name,
            { state: state?.state ?? 'unverified', ...(state?.reason && { reason: state.reason }) },
          ];
        }),
      ),
  };
}
