import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ParseOptions } from 'graphql';
import { demandControlPlugin } from './demandControlPlugin.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './GatewayLimits.ts';
import { keepLimitErrors, type FormatError } from './keepLimitErrors.ts';
import { MemoryRateLimitStore } from './MemoryRateLimitStore.ts';
import { operationLimitsPlugin } from './operationLimitsPlugin.ts';
import { rateLimitContext, type RateLimitedContext } from './rateLimitContext.ts';

/** What {@link createLimits} adds to the gateway's Apollo Server and context. */
export interface Limits {
  /** Apollo Server's `parseOptions`: the token limit, enforced while parsing. */
  parseOptions: ParseOptions;
  /** Operation limits and demand control, run after validation and before planning. */
  plugins: ApolloServerPlugin<BaseContext>[];
  /** Wraps `formatError` so that limit errors are never masked. */
  formatError(inner: FormatError): FormatError;
  /** Wraps the context function with the rate limiter. */
  context<C extends RateLimitedContext>(
    inner: (req: IncomingMessage) => Promise<C>,
  ): (req: IncomingMessage) => Promise<C>;
}

/**
 * Everything the gateway needs to refuse work it should not do, from {@link GatewayLimits}
 * with {@link DEFAULT_LIMITS} filling the gaps: the token limit while parsing, the rate limit
 * before it, structural limits and the cost budget before planning.
 */
export function createLimits(limits: GatewayLimits = {}, log: (line: string) => void): Limits {
  const settings = { ...DEFAULT_LIMITS, ...definedOnly(limits) };
  const store = limits.rateLimitStore ?? new MemoryRateLimitStore();
  return {
    parseOptions: { maxLexicalTokens: settings.maxTokens },
    plugins: [
      operationLimitsPlugin(settings),
      demandControlPlugin({
        maxCost: settings.maxCost,
        defaultListSize: settings.defaultListSize,
        log,
      }),
    ],
    formatError: keepLimitErrors,
    context: (inner) =>
      rateLimitContext(inner, {
        perMinute: settings.rateLimitPerMinute,
        anonymousPerMinute: settings.anonymousRateLimitPerMinute,
        store,
        clock: limits.clock ?? Date.now,
        log,
      }),
  };
}

// `{ maxDepth: undefined }` (an unset variable passed through) must not erase a default.
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
