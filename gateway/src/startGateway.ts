import { serveHttp, type HttpService } from '@sahem/kit';
import { createGateway, type GatewayDeps } from './server.ts';

/** A running gateway. */
export interface RunningGateway {
  url: string;
  http: HttpService;
  /** Stops accepting requests, lets those in flight finish, then stops the gateway. */
  stop(): Promise<void>;
}

/** Builds and starts the gateway and listens on `port`; used by `index.ts` and `npm start`. */
export async function startGateway(
  deps: GatewayDeps,
  listen: { port: number; host?: string },
): Promise<RunningGateway> {
  const { apollo, context, routes } = createGateway(deps);
  await apollo.start();
  try {
    const http = await serveHttp({
      apollo,
      context,
      routes,
      port: listen.port,
      ...(listen.host && { host: listen.host }),
    });
    return {
      url: `${http.url}/graphql`,
      http,
      stop: async () => {
        await http.close();
        await apollo.stop();
      },
    };
  } catch (error) {
    await apollo.stop();
    throw error;
  }
}
