import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  Kind,
  OperationTypeNode,
  parseType,
  print,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  instanceAudience,
  noteCause,
  type AgencyRegistry,
  type ProgramsInstance,
  DEFAULT_SMALL_CELL_THRESHOLD,
} from '@sahem/kit';
import type { CallerKeys } from '../auth/callerKeys.ts';
import type { InFlightFetches } from '../caching/inFlightFetches.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { SubgraphDataSource } from '../SubgraphDataSource.ts';
import { agencyOfKey, valueAt } from './agencyOfKey.ts';
import type { ContractModel } from './contractModel.ts';
import { instanceUnavailable, type InstanceFailure } from './instanceUnavailable.ts';
import { fieldsOf, mergeField, mergeObject, type MergeContext } from './mergeAnswers.ts';
import {
  PreparedOperations,
  subOperation,
  variablesOf,
  type PreparedOperation,
} from './preparedOperations.ts';
import {
  KEY_ALIAS_PREFIX,
  spanningSites,
  spans,
  stripKeyAliases,
  type SpanningSite,
} from './spanningEntities.ts';
import type { FetchOutcome } from '../metrics/gatewayMetrics.ts';
import type { InstanceVerifier } from './verifyInstances.ts';
import type { InstancePolicy } from '../resilience/instancePolicy.ts';
import { failedFetchPaths } from '../subgraphs/failedFetchPaths.ts';

// `GraphQLDataSourceRequestKind.INCOMING_OPERATION`; the enum is not exported by the package root.
const INCOMING_OPERATION = 'incoming operation';
// The variable of the representations the gateway asks every instance to complete.
const REPRESENTATIONS = '__sahemRepresentations';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;
type GraphQLErrorJson = NonNullable<Response['errors']>[number];
type Json = Record<string, unknown>;

/** What the routed data source needs. */
export interface AgencyRoutedDataSourceOptions {
  /** The contract subgraph's name in the supergraph (`programs`). */
  name: string;
  registry: AgencyRegistry;
  timeoutMs: number;
  callerKeys: CallerKeys;
  fetch?: typeof fetch;
  /** How much earlier than the gateway's own abort an instance is told to stop. @default 100 */
  deadlineMarginMs?: number;
  /** Told how each fetch to an instance ended (metrics, by instance name). @default none */
  observeFetch?: (instance: string, outcome: FetchOutcome, seconds: number) => void;
  /** The contract as the supergraph in service says it (replaced on reload). */
  model: () => ContractModel;
  /** Checks each instance serves the composed contract and holds what the registry says. */
  verifier: InstanceVerifier;
  /** The breaker, bulkhead and retries of each instance. @default none: each fetch sent once */
  policyOf?: (instance: ProgramsInstance) => InstancePolicy;
  /**
   * Merged breakdown cells of fewer distinct volunteers are suppressed.
   * @default DEFAULT_SMALL_CELL_THRESHOLD (5)
   */
  smallCellThreshold?: number;
  /** Where identical query fetches in flight share one answer. @default none: each sent */
  inFlight?: InFlightFetches;
}

/** One instance's part of a request, and what came back. */
interface InstanceCall {
  instance: ProgramsInstance;
  query: string;
  variables: Record<string, unknown>;
  response?: Response;
  failure?: InstanceFailure;
}

/**
 * The gateway's way to a subgraph that many bodies serve, one instance each over its own store:
 * federation routes by type, this routes by owner. Every key names its agency (`SCD-00042`), so
 *
 * - an entity representation goes only to the instance that owns it, one request per instance,
 *   and the answers are put back in the planner's order;
 * - a field whose data spans agencies (a volunteer's participations, a region's figures, the
 *   list of agencies) goes to every instance in parallel, and the answers are merged by the
 *   rule the contract declares for each field (`@merge`, read from the supergraph);
 * - a mutation goes to exactly the one instance its input names, never to two.
 *
 * An instance that does not answer leaves the others' answer standing: an error at the affected
 * path names its agencies, and every aggregate says which agencies it includes and lacks. With
 * one instance in the registry (today's single store), requests pass through unchanged.
 */
export class AgencyRoutedDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly #options: AgencyRoutedDataSourceOptions;
  readonly #sources = new Map<string, SubgraphDataSource>();
  // Planner fetches repeat: each text is parsed, rewritten and split once (bounded).
  readonly #prepared = new PreparedOperations();

  constructor(options: AgencyRoutedDataSourceOptions) {
    this.name = options.name;
    this.#options = options;
    for (const instance of options.registry.instances) {
      this.#sources.set(
        instance.name,
        new SubgraphDataSource({
          name: options.name,
          url: instance.url,
          timeoutMs: options.timeoutMs,
          callerKeys: options.callerKeys,
          audience: instanceAudience(options.registry, instance),
          ...(options.fetch && { fetch: options.fetch }),
          ...(options.deadlineMarginMs !== undefined && {
            deadlineMarginMs: options.deadlineMarginMs,
          }),
          ...(options.observeFetch && {
            observeFetch: (outcome: FetchOutcome, seconds: number) =>
              options.observeFetch!(instance.name, outcome, seconds),
          }),
          ...(options.policyOf && { policy: options.policyOf(instance) }),
          ...(options.inFlight && { inFlight: options.inFlight }),
        }),
      );
    }
  }

  /** The data source of one instance (also used to verify it). */
  sourceOf(instance: ProgramsInstance): SubgraphDataSource {
    return this.#sources.get(instance.name)!;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    const instances = this.#options.registry.instances;
    const query = options.request.query ?? '';
    if (instances.length === 1 || (options.kind as string) !== INCOMING_OPERATION) {
      const [call] = await this.#call(options, [
        { instance: instances[0]!, query, variables: options.request.variables ?? {} },
      ]);
      if (call!.failure) {
        // At each path the fetch would have filled, as a fan-out reports its failures.
        const paths = failedFetchPaths(query, options.request.variables ?? {});
        return {
          errors: (paths.length > 0 ? paths : [[]]).map((path) =>
            instanceUnavailable(call!.failure!, path, this.#options.registry),
          ),
        };
      }
      return call!.response!;
    }
    const prepared = this.#prepared.of(query, this.#options.model());
    const { model, operation, fragments, entities } = prepared;
    const response = entities
      ? await this.#entities(options, prepared)
      : await this.#roots(options, prepared);
    await this.#completeSpanning(options, model, operation, fragments, entities, response);
    stripKeyAliases(response.data);
    return response;
  }

  /**
   * Completes every volunteer (any entity spanning agencies) that one instance alone answered,
   * below an agency's record: a program's team lead holds hours in other agencies too. One
   * `_entities` request per distinct selection, fanned out to every instance and merged, as the
   * planner's own would be; its answer replaces the partial one field by field.
   */
  async #completeSpanning(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    model: ContractModel,
    operation: OperationDefinitionNode,
    fragments: Map<string, FragmentDefinitionNode>,
    entities: FieldNode | undefined,
    response: Response,
  ): Promise<void> {
    const data = response.data as Json | undefined | null;
    if (!data) return;
    const variables = options.request.variables ?? {};
    const sites: SpanningSite[] = [];
    if (entities) {
      const representations = (variables[representationsVariableOf(entities)] ?? []) as Json[];
      const answered = (data[entities.alias?.value ?? '_entities'] ?? []) as (Json | null)[];
      answered.forEach((entity, index) => {
        const type = String(representations[index]?.__typename ?? '');
        if (entity) {
          spanningSites(
            [entity],
            type,
            entities.selectionSet!,
            spans(model, type),
            fragments,
            model,
            sites,
          );
        }
      });
    } else {
      const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
      spanningSites([data], rootType, operation.selectionSet, true, fragments, model, sites);
    }
    const groups = new Map<string, SpanningSite>();
    for (const site of sites) {
      const id = `${site.type} ${print(site.field.selectionSet!)}`;
      const group = groups.get(id);
      if (group) group.objects.push(...site.objects);
      else groups.set(id, { ...site, objects: [...site.objects] });
    }
    const errors: GraphQLErrorJson[] = [];
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const keys = model.keysOf(group.type);
        const byKey = new Map<string, { representation: Json; objects: Json[] }>();
        for (const object of group.objects) {
          const representation: Json = { __typename: group.type };
          for (const key of keys) representation[key] = object[`${KEY_ALIAS_PREFIX}${key}`];
          if (keys.length === 0 || keys.some((key) => representation[key] === undefined)) continue;
          const id = JSON.stringify(representation);
          const entry = byKey.get(id) ?? { representation, objects: [] };
          entry.objects.push(object);
          byKey.set(id, entry);
        }
        if (byKey.size === 0) return;
        const wanted = [...byKey.values()];
        const split = subOperation(
          {
            ...operation,
            operation: OperationTypeNode.QUERY,
            variableDefinitions: [
              ...(operation.variableDefinitions ?? []),
              {
                kind: Kind.VARIABLE_DEFINITION,
                variable: {
                  kind: Kind.VARIABLE,
                  name: { kind: Kind.NAME, value: REPRESENTATIONS },
                },
                type: parseType('[_Any!]!'),
              },
            ],
          },
          [
            {
              kind: Kind.FIELD,
              name: { kind: Kind.NAME, value: '_entities' },
              arguments: [
                {
                  kind: Kind.ARGUMENT,
                  name: { kind: Kind.NAME, value: 'representations' },
                  value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: REPRESENTATIONS } },
                },
              ],
              selectionSet: {
                kind: Kind.SELECTION_SET,
                selections: [
                  {
                    kind: Kind.INLINE_FRAGMENT,
                    typeCondition: {
                      kind: Kind.NAMED_TYPE,
                      name: { kind: Kind.NAME, value: group.type },
                    },
                    selectionSet: group.field.selectionSet!,
                  },
                ],
              },
            },
          ],
          fragments,
        );
        const used = variablesOf(split, {
          ...variables,
          [REPRESENTATIONS]: wanted.map((entry) => entry.representation),
        });
        const answer = await this.process({
          ...options,
          request: { ...options.request, query: split.query, variables: used },
        } as GraphQLDataSourceProcessOptions<GatewayContext>);
        const merged = ((answer.data as Json | undefined)?._entities ?? []) as (Json | null)[];
        const fields = fieldsOf(group.field.selectionSet!, group.type, fragments);
        wanted.forEach((entry, index) => {
          const complete = merged[index];
          if (!complete) return;
          for (const object of entry.objects) {
            for (const field of fields) {
              const key = field.alias?.value ?? field.name.value;
              if (key in complete) object[key] = complete[key];
            }
          }
        });
        // Said where the gateway can place them: the paths are those of the request it made.
        for (const error of answer.errors ?? []) {
          const { path: _path, ...rest } = error;
          errors.push(rest);
        }
      }),
    );
    if (errors.length > 0) response.errors = [...(response.errors ?? []), ...errors];
  }

  /** Root fields: each to its owner, or to every instance, merged. Mutations one at a time. */
  async #roots(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    prepared: PreparedOperation,
  ): Promise<Response> {
    const variables = options.request.variables ?? {};
    const { model, operation, fragments } = prepared;
    const registry = this.#options.registry;
    const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
    const data: Json = {};
    const errors: GraphQLErrorJson[] = [];
    const routed = prepared.rootFields.map((field) => {
      const rule = model.field(rootType, field.name.value)?.rule;
      const args = argumentsOf(field, variables);
      const ownerArgument =
        rule?.rule === 'owner' || rule?.rule === 'connection' ? rule.by : undefined;
      const owned = ownerArgument ? valueAt(args, ownerArgument) : undefined;
      const part: {
        field: FieldNode;
        owner?: ProgramsInstance | undefined;
        code?: string | undefined;
        fanOut: boolean;
        call?: InstanceCall | undefined;
      } = { field, fanOut: false };
      if (rule?.rule === 'owner' || owned !== undefined) {
        part.code = agencyOfKey(owned);
        part.owner = part.code ? registry.instanceOf(part.code) : undefined;
      } else if (rootType !== 'Mutation') {
        part.fanOut = true;
      }
      return part;
    });
    const send = async (parts: { instance: ProgramsInstance; fields: FieldNode[] }[]) =>
      this.#call(
        options,
        parts.map(({ instance, fields }) => {
          const split = prepared.subOperation(fields);
          return { instance, query: split.query, variables: variablesOf(split, variables) };
        }),
      );

    const calls: InstanceCall[] = [];
    if (rootType === 'Mutation') {
      // In order, each to the one instance its input names; never fanned out.
      for (const part of routed) {
        if (!part.owner) continue;
        [part.call] = await send([{ instance: part.owner, fields: [part.field] }]);
        calls.push(part.call!);
      }
    } else {
      const byInstance = new Map<string, { instance: ProgramsInstance; fields: FieldNode[] }>();
      const into = (instance: ProgramsInstance, field: FieldNode) => {
        const entry = byInstance.get(instance.name) ?? { instance, fields: [] };
        entry.fields.push(field);
        byInstance.set(instance.name, entry);
      };
      for (const part of routed) {
        if (part.owner) into(part.owner, part.field);
        if (part.fanOut) {
          // The field itself goes through the preparation, so its own rule applies (a
          // connection's cursors, a list's sort key), not only its children's.
          const fields = prepared.fanOut(part.field);
          for (const instance of registry.instances)
            for (const field of fields) into(instance, field);
        }
      }
      calls.push(...(await send([...byInstance.values()])));
      for (const part of routed) {
        if (part.owner) part.call = calls.find((call) => call.instance === part.owner);
      }
    }

    const answered = calls.filter((call) => call.response);
    const context = this.#mergeContext(model, variables, fragments, calls, errors);
    for (const part of routed) {
      const key = part.field.alias?.value ?? part.field.name.value;
      if (part.field.name.value === '__typename') {
        data[key] = rootType;
        continue;
      }
      if (!part.fanOut) {
        const call = part.call;
        if (!part.owner) {
          data[key] = null;
          if (part.code !== undefined || rootType === 'Mutation')
            errors.push(unknownAgency(key, part.code, rootType));
          continue;
        }
        data[key] = (call?.response?.data as Json | undefined)?.[key] ?? null;
        if (call?.failure) errors.push(instanceUnavailable(call.failure, [key], registry));
        continue;
      }
      data[key] = mergeField(
        rootType,
        part.field,
        answered.map((call) => (call.response!.data as Json | undefined)?.[key]),
        context,
      );
      for (const call of calls)
        if (call.failure) errors.push(instanceUnavailable(call.failure, [key], registry));
    }
    for (const call of answered) errors.push(...tagged(call.response!.errors, call.instance));
    return errors.length > 0 ? { data, errors } : { data };
  }

  /**
   * `_entities`: each representation to the instance its key names; those of types spanning
   * agencies (a volunteer, a region's period) to every instance, their answers merged; put back
   * in the order the planner sent them.
   */
  async #entities(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    prepared: PreparedOperation,
  ): Promise<Response> {
    const variables = options.request.variables ?? {};
    const { model, fragments } = prepared;
    const entities = prepared.entities!;
    const registry = this.#options.registry;
    const representationsVariable = representationsVariableOf(entities);
    const representations = (variables[representationsVariable] ?? []) as Json[];
    // Where each representation goes: instance name → indices, in order.
    const targets = representations.map((representation) => {
      const type = String(representation.__typename ?? '');
      const rule = model.typeRule(type);
      if (rule?.rule === 'owner') {
        const code = agencyOfKey(valueAt(representation, rule.by ?? 'id'));
        const owner = code ? registry.instanceOf(code) : undefined;
        return { type, instances: owner ? [owner] : [], merged: false };
      }
      if (rule?.rule === 'object')
        return { type, instances: [...registry.instances], merged: true };
      return { type, instances: registry.instances.slice(0, 1), merged: false };
    });
    const query = prepared.entitiesQuery(targets.some((target) => target.merged));
    const positions = new Map<string, number[]>();
    targets.forEach((target, index) => {
      for (const instance of target.instances) {
        positions.set(instance.name, [...(positions.get(instance.name) ?? []), index]);
      }
    });
    const calls = await this.#call(
      options,
      registry.instances
        .filter((instance) => positions.has(instance.name))
        .map((instance) => ({
          instance,
          query,
          variables: {
            ...variables,
            [representationsVariable]: positions
              .get(instance.name)!
              .map((index) => representations[index]),
          },
        })),
    );
    const errors: GraphQLErrorJson[] = [];
    // answers[i]: per instance call, the entity it returned for representation i.
    const answersOf = (index: number) =>
      calls.map((call) => {
        const at = positions.get(call.instance.name)?.indexOf(index) ?? -1;
        if (at < 0 || !call.response) return undefined;
        return ((call.response.data as Json | undefined)?._entities as unknown[] | undefined)?.[at];
      });
    const context = this.#mergeContext(model, variables, fragments, calls, errors);
    const entitiesKey = entities.alias?.value ?? '_entities';
    const result = targets.map((target, index) => {
      const answers = answersOf(index);
      for (const call of calls) {
        if (call.failure && target.instances.includes(call.instance)) {
          errors.push(instanceUnavailable(call.failure, [entitiesKey, index], registry));
        }
      }
      if (!target.merged) return answers.find((answer) => answer !== undefined) ?? null;
      return mergeObject(target.type, entities.selectionSet, answers, context);
    });
    for (const call of calls) {
      const mine = positions.get(call.instance.name) ?? [];
      for (const error of tagged(call.response?.errors, call.instance)) {
        const path = error.path;
        if (
          path?.[0] === entitiesKey &&
          typeof path[1] === 'number' &&
          mine[path[1]] !== undefined
        ) {
          errors.push({ ...error, path: [entitiesKey, mine[path[1]]!, ...path.slice(2)] });
        } else errors.push(error);
      }
    }
    const data = { [entitiesKey]: result };
    return errors.length > 0 ? { data, errors } : { data };
  }

  /** Sends each part to its instance, in parallel, each once verified; failures are kept, not thrown. */
  async #call(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    calls: InstanceCall[],
  ): Promise<InstanceCall[]> {
    await Promise.all(
      calls.map(async (call) => {
        try {
          await this.#options.verifier.ensure(call.instance);
          call.response = await this.sourceOf(call.instance).process({
            ...options,
            request: {
              query: call.query,
              variables: call.variables,
              ...(options.request.operationName && {
                operationName: options.request.operationName,
              }),
            },
          } as GraphQLDataSourceProcessOptions<GatewayContext>);
        } catch (error) {
          // The request's log line says why, once, at error level: the client sees the agency.
          noteCause(error);
          call.failure = { instance: call.instance, error };
        }
      }),
    );
    return calls;
  }

  #mergeContext(
    model: ContractModel,
    variables: Record<string, unknown>,
    fragments: Map<string, FragmentDefinitionNode>,
    calls: InstanceCall[],
    errors: GraphQLErrorJson[],
  ): MergeContext {
    const included = new Set(
      calls.filter((call) => call.response).flatMap((call) => call.instance.agencies),
    );
    const excluded = new Set(
      calls.filter((call) => call.failure).flatMap((call) => call.instance.agencies),
    );
    let reported = false;
    return {
      model,
      variables,
      fragments,
      included: [...included],
      excluded: [...excluded].filter((code) => !included.has(code)),
      smallCellThreshold: this.#options.smallCellThreshold ?? DEFAULT_SMALL_CELL_THRESHOLD,
      invalid: (message) => {
        if (reported) return;
        reported = true;
        errors.push({
          message: `An agency instance answered against the contract: ${message}; its figures are left out.`,
          extensions: { code: 'SUBGRAPH_CONTRACT_VIOLATION', serviceName: this.name },
        });
      },
    };
  }
}

/** The variable an `_entities` field takes its representations from (the planner's name). */
function representationsVariableOf(entities: FieldNode): string {
  const argument = entities.arguments?.find((entry) => entry.name.value === 'representations');
  return argument?.value.kind === Kind.VARIABLE ? argument.value.name.value : 'representations';
}

function argumentsOf(field: FieldNode, variables: Record<string, unknown>): Json {
  return Object.fromEntries(
    (field.arguments ?? []).map((argument) => [
      argument.name.value,
      valueFromASTUntyped(argument.value, variables),
    ]),
  );
}

/** An instance's errors, marked with the agencies it holds (who answered). */
function tagged(errors: Response['errors'], instance: ProgramsInstance): GraphQLErrorJson[] {
  return (errors ?? []).map((error) => ({
    ...error,
    extensions: { ...error.extensions, agencies: instance.agencies },
  }));
}

function unknownAgency(key: string, code: string | undefined, rootType: string): GraphQLErrorJson {
  return {
    message:
      code === undefined
        ? `${key} does not name an agency: no instance can take it.`
        : `No agency ${code} is registered: no instance holds its records.`,
    path: [key],
    extensions: { code: rootType === 'Mutation' ? 'BAD_USER_INPUT' : 'NOT_FOUND' },
  };
}
