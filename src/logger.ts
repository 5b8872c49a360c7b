import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'creative-cities-graph' }, mixin: traceIds });
}

/**
 * The active span's ids in every line written while a request is traced, so that a log
 * line leads to its trace and back; nothing when tracing is off (src/tracing.ts).
 */
function traceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}
