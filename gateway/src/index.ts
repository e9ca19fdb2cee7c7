import { gatewayEnv } from './env.ts';
import { startGateway } from './startGateway.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = gatewayEnv();
const running = await startGateway(
  {
    supergraphPath: env.GATEWAY_SUPERGRAPH_PATH,
    subgraphUrls: env.subgraphUrls,
    subgraphTimeoutMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS,
    production: env.SAHEM_PRODUCTION,
  },
  { port: env.GATEWAY_PORT, host: env.GATEWAY_HOST },
);
console.log(`gateway at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop());
