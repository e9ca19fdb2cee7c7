import cluster from 'node:cluster';
import { gatewayEnv } from './env.ts';
import { serveGateway } from './serveGateway.ts';
import { superviseWorkers, workerRole } from './workers/superviseWorkers.ts';

// Production entry point: read the environment, then serve, or supervise the workers that do.
const env = gatewayEnv();
if (env.GATEWAY_WORKERS > 1 && cluster.isPrimary) await superviseWorkers(env);
else await serveGateway(env, workerRole());
