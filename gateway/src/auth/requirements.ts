import { Kind, parse, type ConstDirectiveNode, type ConstValueNode } from 'graphql';

/**
 * What one field or type demands of the caller, read from the standard authorization
 * directives in the supergraph: `@authenticated`, `@requiresScopes(scopes: [[…]])` and
 * `@policy(policies: [[…]])`. Scopes and policies are an OR of ANDs.
 */
export interface Requirement {
  authenticated: boolean;
  scopes: string[][] | null;
  policies: string[][] | null;
}

/** Requirements by type (`Volunteer`) and by field (`Volunteer.fullName`). */
export interface Requirements {
  types: Map<string, Requirement>;
  fields: Map<string, Requirement>;
}

const NAMES = new Set(['authenticated', 'requiresScopes', 'policy']);

/** Reads every authorization directive of a supergraph SDL. */
export function readRequirements(supergraphSdl: string): Requirements {
  const requirements: Requirements = { types: new Map(), fields: new Map() };
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.SCALAR_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeRequirement = requirementOf(definition.directives ?? []);
    if (typeRequirement) requirements.types.set(definition.name.value, typeRequirement);
    if (!('fields' in definition)) continue;
    for (const field of definition.fields ?? []) {
      const fieldRequirement = requirementOf(field.directives ?? []);
      if (fieldRequirement) {
        requirements.fields.set(`${definition.name.value}.${field.name.value}`, fieldRequirement);
      }
    }
  }
  return requirements;
}

function requirementOf(directives: readonly ConstDirectiveNode[]): Requirement | undefined {
  const relevant = directives.filter((directive) => NAMES.has(directive.name.value));
  if (relevant.length === 0) return undefined;
  const requirement: Requirement = { authenticated: false, scopes: null, policies: null };
  for (const directive of relevant) {
    if (directive.name.value === 'authenticated') requirement.authenticated = true;
    const argument = directive.arguments?.[0]?.value;
    if (directive.name.value === 'requiresScopes' && argument)
      requirement.scopes = listOfLists(argument);
    if (directive.name.value === 'policy' && argument) requirement.policies = listOfLists(argument);
  }
  return requirement;
}

function listOfLists(value: ConstValueNode): string[][] {
  if (value.kind !== Kind.LIST) return [];
  return value.values.map((inner) =>
    inner.kind === Kind.LIST
      ? inner.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []))
      : [],
  );
}

/**
 * The supergraph as `@apollo/gateway` 2.14 accepts it: it refuses `@link`s whose purpose is
 * SECURITY, so that purpose is dropped in memory. Enforcement is the gateway's own
 * (`authorizationPlugin`); the committed file stays standard for other federation gateways.
 */
export function withoutSecurityPurpose(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes|policy)\/v[\d.]+"), for: SECURITY\)/g,
    '$1)',
  );
}
