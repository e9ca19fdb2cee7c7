import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../scripts/build/services.ts';
import {
  renderKustomization,
  type KubernetesObject,
} from '../scripts/deploy/renderKustomization.ts';
import { validateCompose } from '../scripts/deploy/validateCompose.ts';
import { dockerStages, lintDockerfile } from '../scripts/deploy/validateDockerfile.ts';
import { validateManifests } from '../scripts/deploy/validateManifests.ts';
import { readServiceTokens } from '../subgraphs/programs/src/cells/readServiceTokens.ts';

// The deployment files, validated without a container runtime or a cluster: the Dockerfile
// with a linter, compose.yaml against the Compose schema, the Kustomize overlays rendered
// and every object validated against the Kubernetes API schema.
const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const KUSTOMIZATIONS = [
  'base/gateway',
  'base/volunteers',
  'base/programs',
  'base/indicators',
  'overlays/national',
  'overlays/agency-programs',
];
const render = (dir: string) => renderKustomization(path.join(root, 'deploy/kubernetes', dir));
const SUBGRAPHS = SERVICES.filter((service) => service.name !== 'gateway');

type Container = {
  image: string;
  resources?: { requests?: object; limits?: { memory?: string } };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  startupProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
};
const podSpec = (deployment: KubernetesObject) =>
  (
    deployment.spec as {
      template: { spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } } };
    }
  ).template.spec;
const byKind = (objects: KubernetesObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = dockerStages(text);
  const stage = (name: string) => stages.find((entry) => entry.name === name)!;

  it('passes the linter, which does catch a broken one', () => {
    expect(lintDockerfile(text)).toEqual([]);
    expect(
      lintDockerfile(
        'FROM node:20-bookworm-slim\nEXPOSE port\nHEALTHCHECK --interval=x CMD true\n',
      ),
    ).not.toEqual([]);
  });

  it('builds on the official Node 20 slim image, in stages', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-[a-z]+-slim$/m);
    expect(stages.map((entry) => entry.name)).toEqual([
      'build',
      'install',
      'runtime',
      ...SERVICES.map((service) => service.name),
    ]);
    expect(stages.slice(0, 3).every((entry) => entry.from === '${NODE_IMAGE}')).toBe(true);
  });

  it('keeps build tools out of the runtime: production files only, no package manager, not root', () => {
    const runtime = stage('runtime').instructions;
    const copies = runtime.filter((instruction) => instruction.keyword === 'COPY');
    expect(copies.map((copy) => copy.args)).toEqual(['--from=install /app/ ./']);
    expect(runtime.find((instruction) => instruction.keyword === 'RUN')!.args).toMatch(
      /rm -rf .*node_modules\/npm.*\/usr\/local\/bin\/npx/,
    );
    expect(runtime.at(-1)).toEqual({ keyword: 'USER', args: 'node' });
    expect(
      stage('install')
        .instructions.map((instruction) => instruction.args)
        .join('\n'),
    ).toMatch(/npm ci --omit=dev --omit=optional/);
  });

  it.each(SERVICES.map((service) => [service.name, service.dir]))(
    'has a %s target that listens on all interfaces, checks its health and runs its bundle',
    (name, dir) => {
      const instructions = stage(name).instructions;
      const args = (keyword: string) =>
        instructions.filter((entry) => entry.keyword === keyword).map((entry) => entry.args);
      expect(stage(name).from).toBe('runtime');
      expect(args('ENV').join(' ')).toContain(`${name.toUpperCase()}_HOST=0.0.0.0`);
      expect(args('HEALTHCHECK')[0]).toContain(
        `CMD ["node", "scripts/healthcheck.mjs", "${name}"]`,
      );
      expect(args('CMD')).toEqual([`["node", "${dir}/dist/index.js"]`]);
    },
  );
});

describe('compose.yaml', () => {
  const text = read('compose.yaml');
  const compose = parse(text, { merge: true }) as {
    services: Record<string, Record<string, any>>;
    volumes: Record<string, unknown>;
  };
  const databases = Object.entries(compose.services).filter(([, service]) =>
    String(service.image).startsWith('postgres:'),
  );

  it('is valid against the Compose Specification schema, which does refuse a wrong file', () => {
    expect(validateCompose(text)).toEqual([]);
    expect(
      validateCompose(
        'services:\n  gateway:\n    image: sahem/gateway\n    restart: sometimes\n    port: 4000\n',
      ),
    ).not.toEqual([]);
  });

  it('runs every service from its image target, read-only, each subgraph over its own PostgreSQL', () => {
    for (const { name } of SERVICES) {
      const service = compose.services[name]!;
      expect(service.build).toEqual({ context: '.', target: name });
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
    }
    // One store per subgraph and the gateway's own, each on a volume of its own.
    expect(databases.map(([name]) => name).sort()).toEqual([
      'gateway-db',
      'indicators-db',
      'programs-db',
      'volunteers-db',
    ]);
    const volumes = databases.map(([, service]) => String(service.volumes[0]).split(':')[0]);
    expect(new Set(volumes).size).toBe(databases.length);
    for (const { name } of SUBGRAPHS) {
      const url = String(compose.services[name]!.environment[`${name.toUpperCase()}_DATABASE_URL`]);
      expect(url).toContain(`@${name}-db:5432/`);
    }
  });

  it('syncs the participant cells through the gateway, with tokens from a secret file that holds none as shipped', async () => {
    const programs = compose.services.programs!;
    expect(programs.environment.PROGRAMS_CELL_SYNC_URL).toBe('http://gateway:4000/graphql');
    const [secret] = programs.secrets as string[];
    expect(programs.environment.PROGRAMS_CELL_SYNC_TOKEN_FILE).toBe(`/run/secrets/${secret}`);
    const file = String((compose as any).secrets[secret!].file).match(/^\$\{\w+:-(.+)\}$/)![1]!;
    expect(await readServiceTokens(path.join(root, file))).toEqual([]);
  });

  it('publishes only the gateway, on loopback, and names each subgraph for it', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports);
    expect(published).toEqual([
      ['gateway', expect.objectContaining({ ports: ['127.0.0.1:4000:4000'] })],
    ]);
    const urls = String(compose.services.gateway!.environment.GATEWAY_SUBGRAPH_URLS);
    for (const { name } of SUBGRAPHS) expect(urls).toContain(`${name}=http://${name}:`);
    expect(compose.services.gateway!.environment.GATEWAY_RATE_LIMIT_STORE).toBe('postgres');
  });
});

describe('Kubernetes manifests', () => {
  it.each(KUSTOMIZATIONS)('%s renders to objects valid against the Kubernetes schemas', (dir) => {
    const objects = render(dir);
    expect(objects.length).toBeGreaterThan(0);
    expect(validateManifests(objects)).toEqual([]);
  });

  it('validation does refuse a wrong object', () => {
    const [deployment] = byKind(render('base/gateway'), 'Deployment');
    (deployment!.spec as { replicas: unknown }).replicas = 'two';
    expect(validateManifests([deployment!])).toEqual([
      expect.stringMatching(/^Deployment\/sahem-gateway: .*replicas must be integer/),
    ]);
  });

  it.each(KUSTOMIZATIONS)(
    '%s: every Deployment is probed, bounded, unprivileged, read-only and disruption-budgeted',
    (dir) => {
      const objects = render(dir);
      for (const deployment of byKind(objects, 'Deployment')) {
        const spec = podSpec(deployment);
        const [container] = spec.containers;
        const name = deployment.metadata.name;
        expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
        expect(container!.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        expect(container!.resources?.requests, name).toBeDefined();
        expect(container!.resources?.limits?.memory, name).toBeDefined();
        expect(container!.livenessProbe?.httpGet?.path, name).toBe('/health');
        expect(container!.startupProbe?.httpGet?.path, name).toBe('/health');
        // Subgraphs are ready with their database (/ready); see the gateway's comment for its own.
        expect(container!.readinessProbe?.httpGet?.path, name).toBe(
          name === 'sahem-gateway' ? '/health' : '/ready',
        );
        const budgets = byKind(objects, 'PodDisruptionBudget').filter(
          (pdb) => (pdb.spec as any).selector.matchLabels['app.kubernetes.io/name'] === name,
        );
        expect(budgets, name).toHaveLength(1);
        // Every Secret and ConfigMap it reads is part of the same rendering, but for those it
        // may start without (optional: made by someone else, such as the identity provider).
        const referenced =
          JSON.stringify(deployment).match(
            /"(?:secretName|name)":"sahem-[\w-]+"(?!,"optional":true)/g,
          ) ?? [];
        const names = new Set(objects.map((object) => object.metadata.name));
        for (const reference of referenced)
          expect(names, reference).toContain(reference.split('"')[3]);
      }
    },
  );

  it.each<[string, string]>([
    ['base/programs', 'http://sahem-gateway:4000/graphql'],
    ['overlays/agency-programs', 'https://sahem.example.gov.sa/graphql'],
  ])(
    '%s syncs the participant cells from %s, with tokens from an optional Secret volume',
    (dir, url) => {
      const spec = podSpec(byKind(render(dir), 'Deployment')[0]!) as any;
      const [container] = spec.containers;
      const env = Object.fromEntries(
        container.env.map((entry: { name: string; value?: string }) => [entry.name, entry.value]),
      );
      expect(env.PROGRAMS_CELL_SYNC_URL).toBe(url);
      const mount = container.volumeMounts.find(
        (entry: { mountPath: string }) =>
          path.dirname(env.PROGRAMS_CELL_SYNC_TOKEN_FILE) === entry.mountPath,
      );
      const volume = spec.volumes.find((entry: { name: string }) => entry.name === mount?.name);
      expect(volume?.secret).toMatchObject({
        secretName: 'sahem-programs-cell-sync',
        optional: true,
      });
      // The process (uid 1000) reads a file of root's through its group.
      expect(spec.securityContext.fsGroup).toBe(1000);
    },
  );

  it('scales the gateway with a HorizontalPodAutoscaler', () => {
    const [hpa] = byKind(render('overlays/national'), 'HorizontalPodAutoscaler');
    expect(hpa!.spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: 'sahem-gateway' },
      minReplicas: 3,
    });
  });

  it.each(SUBGRAPHS.map((service) => service.name))(
    'lets only the gateway reach the %s subgraph',
    (name) => {
      const [policy] = byKind(render(`base/${name}`), 'NetworkPolicy');
      expect((policy!.spec as any).policyTypes).toEqual(['Ingress', 'Egress']);
      expect((policy!.spec as any).ingress).toEqual([
        {
          from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'sahem-gateway' } } }],
          ports: [{ port: expect.any(Number), protocol: 'TCP' }],
        },
      ]);
    },
  );

  it("puts one agency's subgraph on its own cluster, reachable from the gateway's addresses only, over TLS", () => {
    const objects = render('overlays/agency-programs');
    expect(new Set(objects.map((object) => object.metadata.namespace))).toEqual(
      new Set(['sahem-scd']),
    );
    const [policy] = byKind(objects, 'NetworkPolicy');
    expect((policy!.spec as any).ingress[0].from).toEqual([
      { ipBlock: { cidr: '203.0.113.0/24' } },
    ]);
    const [service] = byKind(objects, 'Service');
    expect(service!.spec).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['203.0.113.0/24'],
    });
    const env = JSON.stringify(podSpec(byKind(objects, 'Deployment')[0]!).containers[0]);
    expect(env).toContain('PROGRAMS_TLS_CERT_FILE');
    expect(env).toContain('"scheme":"HTTPS"');
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!kubectl).each(KUSTOMIZATIONS)(
    '%s renders exactly as `kubectl kustomize` renders it',
    (dir) => {
      const sorted = (objects: KubernetesObject[]) =>
        [...objects].sort((a, b) =>
          `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`),
        );
      const output = execFileSync(
        'kubectl',
        ['kustomize', path.join(root, 'deploy/kubernetes', dir)],
        {
          encoding: 'utf8',
        },
      );
      const theirs = parseAllDocuments(output).map(
        (document) => document.toJS() as KubernetesObject,
      );
      expect(sorted(render(dir))).toEqual(sorted(theirs));
    },
  );
});
