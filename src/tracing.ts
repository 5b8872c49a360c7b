// OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT is set. src/main.ts imports this
// module first: the instrumentations patch `http` and `graphql` as they are loaded, so they
// must be registered before anything loads them.
import { OTLPTraceExporter as OTLPJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Requests not worth a trace: probes and scrapes, every few seconds. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Spans of every HTTP request (continuing the caller's trace from its `traceparent` header),
 * of each GraphQL operation's parse, validation and execution (src/graphql/execution.ts), and of each Neo4j query
 * (src/db/database.ts), sent in batches over OTLP/HTTP. The exporter, sampler and batching
 * read OpenTelemetry's own variables (OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER,
 * OTEL_BSP_SCHEDULE_DELAY, OTEL_SERVICE_NAME, …); config.ts checks the endpoint and protocol.
 */
function startTracing(env: NodeJS.ProcessEnv): NodeTracerProvider | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  const exporter =
    protocol === 'http/json' ? new OTLPJsonTraceExporter() : new OTLPProtobufTraceExporter();
  const provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'creative-cities-graph' }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // W3C trace context (traceparent) in and out, and the active span kept across awaits.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          UNTRACED_PATHS.has(new URL(request.url ?? '/', 'http://api').pathname),
        // The API calls no HTTP services; the exporter's own requests need no spans.
        disableOutgoingRequestInstrumentation: true,
      }),
      // One span per parse and validation (the execution's: src/graphql/execution.ts); none
      // per field (the resolvers' work is the Neo4j query, which has its own span).
      new GraphQLInstrumentation({ ignoreResolveSpans: true }),
    ],
  });
  return provider;
}

const provider = startTracing(process.env);

/** Whether spans are exported (for the start-up line). */
export const tracingEnabled = provider !== null;

/** Sends the spans still in the batch; called last at shutdown. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
}
