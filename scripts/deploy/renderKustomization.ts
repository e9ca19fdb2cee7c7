import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A Kubernetes object as a manifest writes it. */
export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
};

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name: string }; patch?: string; path?: string }[];
  [other: string]: unknown;
}

type JsonPatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

// Kubernetes manifests are YAML 1.1 as kustomize reads them (`defaultMode: 0400` is octal).
const YAML_OPTIONS = { version: '1.1', merge: true } as const;
// The only fields of a Kustomization this renderer understands; anything else is refused
// rather than silently ignored.
const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
]);

const decode = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** Applies RFC 6902 `add`, `replace` and `remove` operations in place (what overlays use). */
export function applyJsonPatch(target: unknown, ops: readonly JsonPatchOp[]): void {
  for (const op of ops) {
    const segments = op.path.split('/').slice(1).map(decode);
    const last = segments.pop();
    if (last === undefined) throw new Error(`patch path ${op.path} names the whole object`);
    let parent = target as Record<string, unknown> | unknown[];
    for (const segment of segments) {
      const next = (parent as Record<string, unknown>)[segment];
      if (next === undefined || next === null || typeof next !== 'object')
        throw new Error(`patch path ${op.path}: ${segment} does not exist`);
      parent = next as Record<string, unknown> | unknown[];
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length)
        throw new Error(`patch path ${op.path}: no index ${last}`);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (index >= parent.length) throw new Error(`patch path ${op.path}: no index ${last}`);
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else parent.splice(index, 1);
    } else {
      if (op.op !== 'add' && !(last in parent))
        throw new Error(`patch path ${op.path}: ${last} does not exist`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(op.value);
    }
  }
}

function setImages(object: KubernetesObject, images: NonNullable<Kustomization['images']>): void {
  const spec = (
    object.spec as {
      template?: {
        spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] };
      };
    }
  )?.template?.spec;
  for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    if (!container.image) continue;
    const name = container.image.replace(/[:@].*$/, '');
    const rule = images.find((image) => image.name === name);
    if (!rule) continue;
    const tag = container.image.slice(name.length);
    container.image = `${rule.newName ?? name}${rule.newTag ? `:${rule.newTag}` : tag}`;
  }
}

/**
 * Renders a Kustomize directory the way `kubectl kustomize` does, for the features this
 * repository's manifests use: `resources` (files and directories, recursively), `namespace`,
 * `images` and JSON 6902 `patches` by kind and name. It exists so CI can render and validate
 * the overlays without a kustomize binary; the test compares it with `kubectl kustomize`
 * wherever that is installed.
 */
export function renderKustomization(dir: string): KubernetesObject[] {
  const kustomization = parse(
    readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'),
    YAML_OPTIONS,
  ) as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0)
    throw new Error(`${dir}/kustomization.yaml: unsupported fields ${unknown.join(', ')}`);
  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(dir, resource);
    if (statSync(target).isDirectory()) {
      objects.push(...renderKustomization(target));
      continue;
    }
    for (const document of parseAllDocuments(readFileSync(target, 'utf8'), YAML_OPTIONS)) {
      if (document.errors.length > 0) throw document.errors[0]!;
      const object = document.toJS() as KubernetesObject | null;
      if (object) objects.push(object);
    }
  }
  for (const patch of kustomization.patches ?? []) {
    const ops = parse(
      patch.patch ?? readFileSync(path.resolve(dir, patch.path!), 'utf8'),
      YAML_OPTIONS,
    ) as JsonPatchOp[];
    const targets = objects.filter(
      (object) => object.kind === patch.target.kind && object.metadata.name === patch.target.name,
    );
    if (targets.length === 0)
      throw new Error(`${dir}: no ${patch.target.kind} ${patch.target.name} to patch`);
    for (const object of targets) applyJsonPatch(object, ops);
  }
  for (const object of objects) {
    if (kustomization.namespace && !CLUSTER_SCOPED.has(object.kind))
      object.metadata.namespace = kustomization.namespace;
    if (kustomization.images) setImages(object, kustomization.images);
  }
  return objects;
}
