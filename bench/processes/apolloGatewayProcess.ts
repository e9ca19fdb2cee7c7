// Bench only: the stock peer, `@apollo/gateway` in Apollo Server with no plugins of ours, as its
// documentation starts it (`startStandaloneServer`). The one change to what it loads is the one
// Sahem's gateway makes too: @apollo/gateway 2.14 refuses the supergraph's `for: SECURITY` links,
// so that purpose is dropped in memory (`withoutSecurityPurpose`); it enforces no directive.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { withoutSecurityPurpose } from '../../gateway/src/auth/requirements.ts';

const file = process.env.BENCH_SUPERGRAPH;
const port = Number(process.env.BENCH_PORT);
if (!file || !(port > 0)) throw new Error('BENCH_SUPERGRAPH and BENCH_PORT must be set');
const server = new ApolloServer({
  gateway: new ApolloGateway({ supergraphSdl: withoutSecurityPurpose(readFileSync(file, 'utf8')) }),
});
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(`apollo gateway at ${url}`);
