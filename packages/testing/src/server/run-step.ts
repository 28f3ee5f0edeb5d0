import type { IncomingMessage, ServerResponse } from 'node:http';
import { decideAnswer } from '../brain/decide-answer.js';
import { embedText } from '../brain/embed-text.js';
import type { AnswerOverrides, NeutralChatRequest } from '../brain/neutral.js';
import type { PrefixCache } from '../brain/prefix-cache.js';
import type { FakeStep } from '../types.js';
import type { ErrorSpec, ReplyContext, Route, VendorCodec } from '../vendors/codec.js';
import { sse } from '../vendors/codec.js';
import { resolveError } from './resolve-error.js';
import {
  emptyAnswerBody,
  eventsWithoutUsage,
  htmlPage,
  unknownStreamError,
  withoutUsage,
} from './wire-oddities.js';
import { afterRealDelay } from './timers.js';

/** How long a cut stream stays open after its last event before the socket is destroyed. */
const cutGraceMs = 20;

/** What a step needs to answer one request. */
export interface StepContext {
  req: IncomingMessage;
  res: ServerResponse;
  codec: VendorCodec;
  route: Route;
  body: unknown;
  reply: ReplyContext;
  /** Waits `ms` (resolves false when the server closed meanwhile). */
  wait(ms: number): Promise<boolean>;
  /** Headers every response of this request carries (rate limits). */
  headers?: Record<string, string>;
  /** The provider's prompt cache (a repeated prefix reads from it), when enabled. */
  prefixCache?: PrefixCache;
}

/** Answers one request according to a step. */
export async function runStep(step: FakeStep, ctx: StepContext): Promise<void> {
  const { res, req, codec, reply } = ctx;
  if (res.destroyed || req.socket.destroyed) return;
  if (typeof step === 'object' && 'delayMs' in step) {
    if (await ctx.wait(step.delayMs)) await runStep(step.then ?? 'ok', ctx);
    return;
  }
  if (step === 'hang') return;
  if (step === 'reset') {
    req.socket.destroy();
    return;
  }
  if (typeof step === 'object' && ('raw' in step || 'htmlPage' in step)) {
    const raw =
      'raw' in step
        ? step.raw
        : { status: step.htmlPage, body: htmlPage(step.htmlPage), contentType: 'text/html' };
    res.writeHead(raw.status ?? 200, {
      ...head(ctx),
      'content-type': raw.contentType ?? 'application/json',
      ...('raw' in step ? step.raw.headers : {}),
    });
    res.end(raw.body);
    return;
  }
  if (step === 'null-body') {
    res.writeHead(200, { ...head(ctx), 'content-type': 'application/json' });
    res.end('null');
    return;
  }
  if (typeof step === 'object' && 'emptyAnswer' in step) {
    const payload = emptyAnswerBody(step.emptyAnswer, reply);
    if (ctx.route.kind === 'chat' && parseChat(ctx).stream) {
      writeStreamHead(ctx);
      const openAIStyle = codec.provider === 'openai' || codec.provider === 'groq';
      res.end(sse(payload) + (openAIStyle ? sse('[DONE]') : ''));
    } else {
      res.writeHead(200, { ...head(ctx), 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    }
    return;
  }
  const error = resolveError(step);
  if (error) {
    const out = codec.error(error, reply);
    res.writeHead(out.status, { ...head(ctx), ...out.headers });
    res.end(out.body);
    return;
  }
  const streaming = ctx.route.kind === 'chat' && parseChat(ctx).stream;
  if (step === 'malformed') {
    if (streaming) {
      writeStreamHead(ctx);
      res.end(codec.malformedEvent());
    } else {
      res.writeHead(200, { ...head(ctx), 'content-type': 'application/json' });
      res.end('{"id": "broken", "choices": [');
    }
    return;
  }
  const overrides: AnswerOverrides = {};
  if (step === 'content-filter') overrides.contentFilter = true;
  if (typeof step === 'object' && 'reply' in step && step.reply) overrides.reply = step.reply;
  if (typeof step === 'object' && 'refusal' in step) overrides.refusal = step.refusal;
  const noUsage = step === 'no-usage';
  if (ctx.route.kind !== 'chat' || !streaming) {
    const answer = answerJson(ctx, overrides);
    const json = JSON.stringify(noUsage ? withoutUsage(codec.provider, answer) : answer);
    if (typeof step === 'object' && 'streamCutAfter' in step) {
      res.writeHead(200, { ...head(ctx), 'content-type': 'application/json' });
      res.write(json.slice(0, Math.max(1, Math.floor(json.length / 2))), () =>
        afterRealDelay(cutGraceMs, () => req.socket.destroy()),
      );
      return;
    }
    res.writeHead(200, { ...head(ctx), 'content-type': 'application/json' });
    res.end(json);
    return;
  }
  const request = withPrefixCache(ctx, parseChat(ctx));
  const all = codec.chatEvents(decideAnswer(request, overrides), request, ctx.body, reply);
  const events = noUsage ? eventsWithoutUsage(codec.provider, all) : all;
  writeStreamHead(ctx);
  if (typeof step === 'object' && 'streamCutAfter' in step) {
    const sent = events.slice(0, Math.max(0, step.streamCutAfter)).join('');
    if (sent.length === 0) req.socket.destroy();
    // A short real pause before the cut lets the client read what was sent, as on a real network.
    else res.write(sent, () => afterRealDelay(cutGraceMs, () => req.socket.destroy()));
    return;
  }
  if (typeof step === 'object' && 'streamErrorAfter' in step) {
    const spec: ErrorSpec = {
      type: step.error ?? 'overloaded',
      ...(step.message !== undefined ? { message: step.message } : {}),
    };
    const streamError =
      step.errorType !== undefined
        ? unknownStreamError(
            codec.provider,
            step.errorType,
            step.message ?? 'Something odd happened',
          )
        : codec.streamError(spec, reply);
    res.end(events.slice(0, Math.max(0, step.streamErrorAfter)).join('') + streamError);
    return;
  }
  if (typeof step === 'object' && 'streamEventDelayMs' in step) {
    // One event at a time, like a slow model; stops as soon as the client goes away.
    for (const event of events) {
      if (res.destroyed || req.socket.destroyed) return;
      res.write(event);
      if (!(await ctx.wait(step.streamEventDelayMs))) return;
    }
    res.end();
    return;
  }
  res.end(events.join(''));
}

function head(ctx: StepContext): Record<string, string> {
  return { ...ctx.codec.headers(ctx.reply), ...ctx.headers };
}

function parseChat(ctx: StepContext) {
  if (ctx.route.kind !== 'chat') throw new Error('not a chat route');
  return ctx.codec.parseChat(ctx.body, ctx.route);
}

/**
 * With the prompt cache on, what is read from the cache is what this provider has served
 * before (a warm prefix), whatever the request marked as cacheable.
 */
function withPrefixCache(ctx: StepContext, request: NeutralChatRequest): NeutralChatRequest {
  if (!ctx.prefixCache) return request;
  return { ...request, cacheableChars: ctx.prefixCache.observe(request.model, request) };
}

function writeStreamHead(ctx: StepContext): void {
  ctx.res.writeHead(200, {
    ...head(ctx),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  ctx.res.flushHeaders();
}

function answerJson(ctx: StepContext, overrides: AnswerOverrides): unknown {
  const { route, codec, body, reply } = ctx;
  if (route.kind === 'models') return codec.models(reply);
  if (route.kind === 'embed') {
    const request = codec.parseEmbed(body, route);
    return codec.embedJson(
      request.inputs.map((input) => embedText(input, request.dimensions)),
      request,
      body,
      route,
    );
  }
  const request = withPrefixCache(ctx, codec.parseChat(body, route));
  return codec.chatJson(decideAnswer(request, overrides), request, reply);
}
