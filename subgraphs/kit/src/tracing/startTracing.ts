import { NodeSDK, type tracing } from '@opentelemetry/sdk-node';

let enabled = false;

/** Whether this process traces (set by {@link startTracing}); every span we make is skipped otherwise. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Whether the environment asks for traces: an OTLP endpoint, or an exporter named. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    env.OTEL_TRACES_EXPORTER,
  );
}

/** A started (or skipped) tracer provider. */
export interface Tracing {
  enabled: boolean;
  /** Exports what is buffered and stops; call it last on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry's Node SDK for `serviceName` when the environment configures an exporter
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_TRACES_EXPORTER`;
 * the SDK reads its other `OTEL_*` variables itself), or with the given span processors (tests
 * export to memory). Otherwise nothing starts and no span is made: tracing costs nothing when
 * it is off. W3C trace context is the propagator; no instrumentation is loaded behind our back,
 * the spans are ours (HTTP server, SQL) and the gateway's own (planning, fetches).
 */
export function startTracing(options: {
  serviceName: string;
  spanProcessors?: tracing.SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}): Tracing {
  if (!options.spanProcessors && !tracingConfigured(options.env)) {
    return { enabled: false, shutdown: async () => undefined };
  }
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: [],
    ...(options.spanProcessors && { spanProcessors: options.spanProcessors }),
  });
  sdk.start();
  enabled = true;
  return {
    enabled: true,
    shutdown: async () => {
      enabled = false;
      await sdk.shutdown();
    },
  };
}
