import { serveHttp, type HttpService, type ShutdownOptions, type TlsFiles } from '@sahem/kit';
import { auditContextFailures } from './audit/auditContextFailures.ts';
import { createGateway, type GatewayDeps } from './server.ts';
import { auditRefusals } from './trustedDocuments/auditRefusals.ts';

/** A running gateway. */
export interface RunningGateway {
  url: string;
  http: HttpService;
  /**
   * Turns `/ready` 503, serves on for `drainMs`, stops accepting requests, lets those in flight
   * finish (within `timeoutMs`), stops the gateway, then writes the last audit records
   * (`deps.audit`, which the running gateway owns from now on).
   */
  stop(shutdown?: ShutdownOptions): Promise<void>;
}

/**
 * Builds and starts the gateway and listens on `port` (HTTPS when given `tls`); used by
 * `index.ts` and `npm start`.
 */
export async function startGateway(
  deps: GatewayDeps,
  listen: { port: number; host?: string; tls?: TlsFiles | undefined },
): Promise<RunningGateway> {
  const { apollo, context, routes, intercept, prepareRequest, stop, readiness, observer } =
    createGateway(deps);
  await apollo.start();
  try {
    const http = await serveHttp({
      apollo,
      context: deps.audit ? auditContextFailures(context, deps.audit.record) : context,
      routes,
      intercept,
      prepareRequest: deps.audit
        ? auditRefusals(prepareRequest, deps.audit.record)
        : prepareRequest,
      readiness,
      observer,
      service: 'gateway',
      // The gateway's deadlines travel in its caller tokens; it sends no SQL for its callers.
      deadlineScope: false,
      port: listen.port,
      ...(listen.host && { host: listen.host }),
      ...(listen.tls && { tls: listen.tls }),
    });
    return {
      url: `${http.url}/graphql`,
      http,
      stop: async (shutdown) => {
        await http.close(shutdown);
        // Every answered request has queued its record by now (before its response was
        // sent), so the audit log is stopped last and writes them all.
        try {
          stop();
          await apollo.stop();
        } finally {
          await deps.audit?.stop();
        }
      },
    };
  } catch (error) {
    stop();
    await apollo.stop();
    await deps.audit?.stop();
    throw error;
  }
}
