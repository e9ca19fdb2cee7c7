import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { reportDeadlines } from './deadlines/deadlineErrors.ts';
import { maskInternalErrors } from './maskInternalErrors.ts';
import { recordRequestPlugin } from './observability/recordRequestPlugin.ts';
import { recordOwnersPlugin, type RecordOwnersContext } from './recordOwnersPlugin.ts';
import { refuseUnstorableText } from './refuseUnstorableText.ts';

/** The resolver map `buildSubgraphSchema` takes (its type is not exported by name). */
type SubgraphResolvers = Extract<
  Parameters<typeof buildSubgraphSchema>[0],
  { typeDefs: unknown }
>['resolvers'];

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions {
  /** The subgraph's SDL, read from its `schema.graphql`. */
  typeDefs: string;
  resolvers: unknown;
  /** Mask internal error messages and stack traces. @default true */
  production?: boolean;
  plugins?: ApolloServerPlugin<RecordOwnersContext>[];
}

/**
 * An Apollo Server for one subgraph: the federation schema built from its SDL and resolvers,
 * internal errors masked in production. Not started; the caller owns the lifecycle.
 */
export function createSubgraphServer<TContext extends RecordOwnersContext>(
  options: SubgraphServerOptions,
): ApolloServer<TContext> {
  const production = options.production ?? true;
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({
      typeDefs: parse(options.typeDefs),
      resolvers: options.resolvers as SubgraphResolvers,
    }),
    includeStacktraceInErrorResponses: !production,
    // The gateway always sends the full text; a hash-only request is not one of its.
    persistedQueries: false,
    // The process that runs the server decides when it stops (index.ts, npm start).
    stopOnTerminationSignals: false,
    formatError: reportDeadlines(maskInternalErrors(production)),
    // No Apollo usage reporting here, so federated traces would only cost bytes.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No field of a subgraph carries a cache hint, so the plugin would only call its hook on
      // every field resolved (2 % of a programs instance's CPU on a national scorecard) to
      // answer `no-store`, which `serveHttp` sends itself.
      ApolloServerPluginCacheControlDisabled(),
      recordOwnersPlugin<TContext>(),
      recordRequestPlugin<TContext>(),
      refuseUnstorableText<TContext>(),
      ...((options.plugins ?? []) as ApolloServerPlugin<TContext>[]),
    ],
  });
}
