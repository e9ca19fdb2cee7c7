import type { RateLimitStore } from './RateLimitStore.ts';

/**
 * Operation limits, demand control and rate limiting of the gateway. Every field is optional;
 * the defaults are {@link DEFAULT_LIMITS} (also the defaults of the `GATEWAY_*` variables).
 */
export interface GatewayLimits {
  /** Deepest nesting of fields, fragments expanded. @default 12 */
  maxDepth?: number;
  /** Most aliased fields. @default 30 */
  maxAliases?: number;
  /** Most fields at the root of an operation. @default 10 */
  maxRootFields?: number;
  /** Most lexical tokens in a document; the parser stops there. @default 5000 */
  maxTokens?: number;
  /** Most directives applied in an operation. @default 50 */
  maxDirectives?: number;
  /** Most field selections once fragments are expanded (what authorization and planning walk). @default 1000 */
  maxFields?: number;
  /** Highest estimated cost (`@cost`, `@listSize`) accepted. @default 10000 */
  maxCost?: number;
  /** Size assumed for a list that no slicing argument or `assumedSize` describes. @default 10 */
  defaultListSize?: number;
  /** Requests a minute per authenticated caller (also its burst). @default 600 */
  rateLimitPerMinute?: number;
  /** Requests a minute per anonymous address (also its burst). @default 60 */
  anonymousRateLimitPerMinute?: number;
  /** Where token buckets live. @default a new MemoryRateLimitStore (one process) */
  rateLimitStore?: RateLimitStore;
  /** The rate limiter's clock, in milliseconds since the epoch. @default Date.now */
  clock?: () => number;
}

/** The numeric defaults of {@link GatewayLimits}. */
export const DEFAULT_LIMITS = Object.freeze({
  // The deepest acceptance scenario nests 8 levels (volunteers → … → agency → name → en).
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 10,
  // The largest scenario is under 300 tokens; generated client documents stay well below.
  maxTokens: 5_000,
  maxDirectives: 50,
  // The largest client document selects under 100 fields expanded; a fragment bomb (fragments
  // spreading each other twice per level) selects 2^levels and is refused here, in microseconds,
  // before the authorization walk or the planner expand it.
  maxFields: 1_000,
  // The client's DeployableVolunteers at its largest page (`first: 100`) estimates 5,203:
  // twice that still refuses a second nested page of 100 (about 100,000).
  maxCost: 10_000,
  defaultListSize: 10,
  rateLimitPerMinute: 600,
  anonymousRateLimitPerMinute: 60,
});
