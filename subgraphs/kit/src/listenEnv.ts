import { readFile } from 'node:fs/promises';
import { EnvError, port, text, type EnvVar } from './env.ts';
import type { TlsFiles } from './serveHttp.ts';

/** The variables {@link listenVariables} declares for a service prefix such as `VOLUNTEERS`. */
export type ListenVariables<P extends string> = { [K in `${P}_PORT`]: EnvVar<number> } & {
  [K in `${P}_HOST`]: EnvVar<string>;
} & { [K in `${P}_TLS_CERT_FILE` | `${P}_TLS_KEY_FILE`]: EnvVar<string | undefined> };

/** Where and how a service listens: what `serveHttp` takes. */
export interface ListenOptions {
  port: number;
  host: string;
  /** Set when the service terminates TLS itself. */
  tls?: TlsFiles;
}

function optionalFile(description: string): EnvVar<string | undefined> {
  return { description, default: undefined, parse: (raw) => raw };
}

/**
 * `<PREFIX>_PORT`, `<PREFIX>_HOST` and the optional `<PREFIX>_TLS_CERT_FILE` and
 * `<PREFIX>_TLS_KEY_FILE` of a service, to spread into its `readEnv` spec. The host defaults
 * to loopback, so a development machine exposes nothing; containers set `0.0.0.0`.
 */
export function listenVariables<P extends string>(
  prefix: P,
  defaultPort: number,
  service: string,
): ListenVariables<P> {
  return {
    [`${prefix}_PORT`]: port(defaultPort, `HTTP port of ${service}`),
    [`${prefix}_HOST`]: text('127.0.0.1', `interface ${service} listens on (0.0.0.0 for all)`),
    [`${prefix}_TLS_CERT_FILE`]: optionalFile(
      `PEM certificate chain: ${service} serves HTTPS (with ${prefix}_TLS_KEY_FILE)`,
    ),
    [`${prefix}_TLS_KEY_FILE`]: optionalFile(`PEM private key of ${prefix}_TLS_CERT_FILE`),
  } as ListenVariables<P>;
}

/**
 * The listen options of a service from the variables {@link listenVariables} declared, with
 * its certificate and key read (both or neither must be set).
 */
export async function listenOptions(
  env: Readonly<Record<string, unknown>>,
  prefix: string,
): Promise<ListenOptions> {
  const values = env;
  const certFile = values[`${prefix}_TLS_CERT_FILE`] as string | undefined;
  const keyFile = values[`${prefix}_TLS_KEY_FILE`] as string | undefined;
  const listen: ListenOptions = {
    port: values[`${prefix}_PORT`] as number,
    host: values[`${prefix}_HOST`] as string,
  };
  if (!certFile && !keyFile) return listen;
  if (!certFile || !keyFile) {
    throw new EnvError(
      `Invalid configuration:\n  - ${prefix}_TLS_CERT_FILE and ${prefix}_TLS_KEY_FILE go together: set both or neither`,
    );
  }
  const read = (file: string, variable: string) =>
    readFile(file).catch((error: Error) => {
      throw new EnvError(`Invalid configuration:\n  - ${variable}=${file}: ${error.message}`);
    });
  return {
    ...listen,
    tls: {
      cert: await read(certFile, `${prefix}_TLS_CERT_FILE`),
      key: await read(keyFile, `${prefix}_TLS_KEY_FILE`),
    },
  };
}
