import {
  type Histogram,
  type MeterProvider,
  SpanKind,
  SpanStatusCode,
  createNoopMeter,
  type TracerProvider,
  type Tracer,
  metrics,
  trace,
} from '@opentelemetry/api';
import type { ErrorKind } from '@modelmux/core';
import { durationBucketsSeconds, tokenBuckets } from './gen-ai.js';

/** Where OpenTelemetry data goes; the globals registered by the application by default. */
export interface OpenTelemetryOptions {
  meterProvider?: MeterProvider;
  tracerProvider?: TracerProvider;
}

/** One finished call, as the GenAI conventions describe it. */
export interface GenAiCall {
  operation: string;
  genAiProvider: string;
  model: string | undefined;
  startTime: number;
  endTime: number;
  inputTokens?: number;
  outputTokens?: number;
  errorType?: ErrorKind;
}

const scope = '@modelmux/metrics';

/**
 * OpenTelemetry metrics and spans through `@opentelemetry/api` only. Without a MeterProvider
 * (the API's no-op meter) nothing is built for metrics; without a TracerProvider the span is the
 * API's non-recording span and no attribute is set. A span `chat {model}` is
 * created when a call ends (start time back-dated), so nothing is kept per call in flight.
 */
export class OpenTelemetryInstruments {
  private readonly duration: Histogram;
  private readonly tokens: Histogram;
  private readonly ttft: Histogram;
  private readonly tracer: Tracer;
  /** False when no MeterProvider is registered: the attribute objects are not even built. */
  private readonly recordsMetrics: boolean;

  constructor(options: OpenTelemetryOptions = {}) {
    const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(scope);
    this.tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(scope);
    this.duration = meter.createHistogram('gen_ai.client.operation.duration', {
      description: 'GenAI operation duration.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...durationBucketsSeconds] },
    });
    this.tokens = meter.createHistogram('gen_ai.client.token.usage', {
      description: 'Measures number of input and output tokens used.',
      unit: '{token}',
      advice: { explicitBucketBoundaries: [...tokenBuckets] },
    });
    this.ttft = meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', {
      description: 'Time to receive the first chunk of a streamed response.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...durationBucketsSeconds] },
    });
    const noop = createNoopMeter().createHistogram('noop');
    this.recordsMetrics = this.duration.constructor !== noop.constructor;
  }

  ended(call: GenAiCall): void {
    const span = this.tracer.startSpan(
      call.model === undefined ? call.operation : `${call.operation} ${call.model}`,
      { kind: SpanKind.CLIENT, startTime: call.startTime },
    );
    const recording = span.isRecording();
    if (!recording && !this.recordsMetrics) {
      span.end(call.endTime);
      return;
    }
    const attributes: Record<string, string> = {
      'gen_ai.operation.name': call.operation,
      'gen_ai.provider.name': call.genAiProvider,
    };
    if (call.model !== undefined) {
      attributes['gen_ai.request.model'] = call.model;
      attributes['gen_ai.response.model'] = call.model;
    }
    if (call.errorType !== undefined) attributes['error.type'] = call.errorType;
    if (this.recordsMetrics) {
      this.duration.record((call.endTime - call.startTime) / 1000, attributes);
      if (call.inputTokens !== undefined)
        this.tokens.record(call.inputTokens, { ...attributes, 'gen_ai.token.type': 'input' });
      if (call.outputTokens !== undefined)
        this.tokens.record(call.outputTokens, { ...attributes, 'gen_ai.token.type': 'output' });
    }
    if (recording) {
      span.setAttributes(attributes);
      if (call.inputTokens !== undefined)
        span.setAttribute('gen_ai.usage.input_tokens', call.inputTokens);
      if (call.outputTokens !== undefined)
        span.setAttribute('gen_ai.usage.output_tokens', call.outputTokens);
      if (call.errorType !== undefined)
        span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorType });
    }
    span.end(call.endTime);
  }

  firstChunk(genAiProvider: string, model: string | undefined, seconds: number): void {
    if (!this.recordsMetrics) return;
    const attributes: Record<string, string> = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': genAiProvider,
    };
    if (model !== undefined) attributes['gen_ai.request.model'] = model;
    this.ttft.record(seconds, attributes);
  }
}
