import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { SERVICES, type Service } from './services.ts';

/** Options of {@link buildServices}. */
export interface BuildOptions {
  /** Repository root (the sources). */
  root: string;
  /** Where `<dir>/dist/index.js` is written. @default root */
  outRoot?: string;
  /** @default every service */
  services?: readonly Service[];
}

/** One built service. */
export interface BuiltService extends Service {
  /** The bundle, absolute. */
  outfile: string;
  /** Bytes of the bundle (without its source map). */
  bytes: number;
  /** Packages the bundle imports at run time (`node_modules`, Node built-ins excluded). */
  packages: string[];
}

/**
 * Everything in `node_modules` stays outside the bundles (the production install provides
 * it, native parts and Prisma's WebAssembly included); our own workspaces (`@sahem/*`), which
 * export TypeScript sources, are compiled in.
 */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sahem/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Our sources find their files (`schema.graphql`, migrations, the supergraph) relative to
 * `import.meta.url`. In a bundle that is the bundle's URL, one or more folders away from the
 * source file: replace it with the source file's own URL, computed from the bundle's, so every
 * relative path resolves as it does under tsx. The source files need not exist at run time;
 * the files they point at must (see `RUNTIME_FILES`).
 */
function sourceUrls(root: string, outdir: string): Plugin {
  return {
    name: 'source-urls',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (/import\.meta\.(dirname|filename)/.test(source)) {
          throw new Error(
            `${path.relative(root, args.path)}: use import.meta.url (the build rewrites it)`,
          );
        }
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}

function packagesOf(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...names].sort();
}

/** One entry point compiled as {@link buildServices} compiles a service's. */
export interface BundleOptions {
  /** Repository root (the sources). */
  root: string;
  /** The TypeScript entry point, absolute. */
  entry: string;
  /** The bundle to write (its source map beside it), absolute. */
  outfile: string;
  /**
   * Where the bundle sits relative to the sources it was compiled from, for the files they
   * find through `import.meta.url`. @default the folder of `outfile`
   */
  placedIn?: string;
}

/**
 * Compiles one entry point to an ES module of plain JavaScript with a linked source map, our
 * workspaces compiled in and `node_modules` left outside. `npm run bench` uses it too, so the
 * processes it starts run as the services run in production.
 */
export async function bundleEntry(options: BundleOptions): Promise<Metafile> {
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [
      externalPackages,
      sourceUrls(options.root, options.placedIn ?? path.dirname(options.outfile)),
    ],
  });
  return result.metafile;
}

/**
 * Compiles each service to one ES module of plain JavaScript, `<dir>/dist/index.js` (with its
 * source map), that `node` runs directly: no tsx, no TypeScript at run time.
 */
export async function buildServices(options: BuildOptions): Promise<BuiltService[]> {
  const outRoot = options.outRoot ?? options.root;
  return Promise.all(
    (options.services ?? SERVICES).map(async (service) => {
      const outfile = path.join(outRoot, service.dir, 'dist', 'index.js');
      const metafile = await bundleEntry({
        root: options.root,
        entry: path.join(options.root, service.dir, 'src', 'index.ts'),
        outfile,
        // The source URLs are computed from where the bundle sits in the source tree, which is
        // where it sits in a staged copy too.
        placedIn: path.join(options.root, service.dir, 'dist'),
      });
      const bytes = Object.entries(metafile.outputs).find(([file]) => file.endsWith('index.js'))![1]
        .bytes;
      return { ...service, outfile, bytes, packages: packagesOf(metafile) };
    }),
  );
}
