import { ConfigError, routingStrategies } from '@modelmux/core';
import { createComplexityClassifier } from '@modelmux/router';
import type { ProviderFactory } from 'modelmux';
import type {
  ChatStats,
  ChatTurn,
  Chatbot,
  ChatbotOptions,
  ChatbotOutput,
  HandleResult,
} from './chatbot-types.js';
import { formatProviders, formatStats, formatTurnLine } from './format.js';
import { ConversationMemory } from './memory.js';
import { chatVias, turnStreamer } from './turn-stream.js';

/** The system prompt when none is given. */
export const defaultSystemPrompt =
  'You are a helpful, concise assistant in a terminal chat. Answer in a few sentences.';

/** Used when the catalogue knows no context window for a model. */
const fallbackContextWindow = 8_192;

/** Tokens of conversation a context window must hold beyond the answer's `maxTokens`. */
export const minimumConversationTokens = 100;

/**
 * Why `contextWindow` is too small for answers of `maxTokens` (it must leave at least
 * `minimumConversationTokens` for the conversation), or undefined when it is fine.
 */
export function contextWindowProblem(contextWindow: number, maxTokens: number): string | undefined {
  const least = maxTokens + minimumConversationTokens;
  return contextWindow >= least
    ? undefined
    : `must be at least ${least} tokens (${maxTokens} for the answer + ${minimumConversationTokens} for the conversation); received ${contextWindow}`;
}

/** The commands, for `/help` and for an unknown command's message. */
export const chatCommands = [
  ['/stats', 'this conversation: turns, cost, tokens, memory, and calls per provider'],
  ['/providers', 'the providers: model, context window, prices, quality, availability'],
  ['/use <provider>', 'pin a provider (it goes first, fallbacks after it); /use auto to unpin'],
  ['/strategy <name>', `route by another strategy (${routingStrategies.join(', ')})`],
  ['/clear', 'forget the conversation'],
  ['/help', 'this list'],
  ['/quit', 'leave (Ctrl-C at the prompt too; Ctrl-C during an answer stops the answer)'],
] as const;

function writer(output: ChatbotOutput): (text: string) => void {
  return typeof output === 'function' ? output : (text) => void output.write(text);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A terminal chatbot over a `ProviderFactory` — the user's design's MultiProviderChatbot. Each
 * message is routed by complexity (`strategy: 'complexity'`: simple messages to the cheapest
 * provider, medium ones to the fastest, complex ones to the best), its answer streamed token by
 * token to `output`, and the conversation is kept in memory trimmed to the model's context
 * window (core's token counting, the catalogue's window). Commands: `/stats`, `/providers`,
 * `/use <provider>`, `/strategy <name>`, `/clear`, `/help`, `/quit`.
 *
 * @example
 * const bot = createChatbot({ factory, output: process.stdout });
 * await bot.handle('What is RAG?');        // streams the answer, then one line: provider, cost…
 * await bot.handle('/use anthropic');
 * const controller = new AbortController();
 * const pending = bot.handle('Tell me a long story', { signal: controller.signal });
 * controller.abort();                       // stops that answer; the bot keeps going
 */
export function createChatbot(options: ChatbotOptions): Chatbot {
  const { factory } = options;
  const write = writer(options.output);
  const maxTokens = options.maxTokens ?? 512;
  const classifier = createComplexityClassifier(options.complexity);
  const memory = new ConversationMemory(options.system ?? defaultSystemPrompt);
  let strategy = options.strategy ?? 'complexity';
  let pinned = options.provider;
  if (options.via !== undefined && !(chatVias as readonly string[]).includes(options.via))
    throw new ConfigError({
      issues: [
        {
          path: 'via',
          message: `unknown ${JSON.stringify(options.via)}: use ${chatVias.join(' or ')}`,
        },
      ],
    });
  const streamTurn = turnStreamer(factory, options.via);
  if (pinned !== undefined && !factory.listProviders().includes(pinned))
    throw new ConfigError({
      issues: [{ path: 'provider', message: unknownProvider(factory, pinned) }],
    });
  if (!isStrategy(strategy))
    throw new ConfigError({ issues: [{ path: 'strategy', message: unknownStrategy(strategy) }] });
  const windowProblem =
    options.contextWindow === undefined
      ? undefined
      : contextWindowProblem(options.contextWindow, maxTokens);
  if (windowProblem)
    throw new ConfigError({ issues: [{ path: 'contextWindow', message: windowProblem }] });

  const totals = {
    turns: 0,
    stopped: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0 as number | undefined,
    byProvider: {} as ChatStats['byProvider'],
  };
  // Fallbacks are reported by the factory's events; only one turn runs at a time.
  let currentFallbacks: string[] | undefined;
  // Read after an await, written by the event: a holder, so TypeScript does not narrow it away.
  const last: { attempt?: { provider: string; model: string | undefined } } = {};
  const offs = [
    factory.on('fallback', (event) => {
      currentFallbacks?.push(`${event.from} (${event.kind})`);
    }),
    factory.on('attempt', (event) => {
      last.attempt = { provider: event.provider, model: event.model };
    }),
  ];

  function contextWindow(): number {
    if (options.contextWindow !== undefined) return options.contextWindow;
    const names = pinned !== undefined ? [pinned] : factory.listProviders();
    const windows = names
      .map((name) => factory.getProviderInfo(name).contextWindow)
      .filter((w): w is number => w !== undefined);
    return windows.length > 0 ? Math.min(...windows) : fallbackContextWindow;
  }

  function budget(): number {
    return Math.max(1, contextWindow() - maxTokens);
  }

  function stats(): ChatStats {
    const window = contextWindow();
    return {
      ...totals,
      byProvider: { ...totals.byProvider },
      strategy,
      pinned,
      memory: {
        messages: memory.size,
        tokens: memory.tokens,
        dropped: memory.dropped,
        contextWindow: window,
        reservedForAnswer: maxTokens,
        budget: budget(),
      },
    };
  }

  function command(line: string): HandleResult {
    const [name = '', ...args] = line.trim().split(/\s+/);
    const arg = args.join(' ');
    const done = (ok: boolean): HandleResult => ({ type: 'command', command: name, ok });
    switch (name) {
      case '/quit':
      case '/exit':
        return { type: 'quit' };
      case '/help':
        write(`${chatCommands.map(([c, what]) => `  ${c.padEnd(18)} ${what}`).join('\n')}\n`);
        return done(true);
      case '/stats':
        write(`${formatStats(stats(), factory)}\n`);
        return done(true);
      case '/providers':
        write(`${formatProviders(factory, pinned)}\n`);
        return done(true);
      case '/use':
        if (arg === '' || arg === 'auto') {
          pinned = undefined;
          write(`routing by ${strategy}, no provider pinned\n`);
          return done(true);
        }
        if (!factory.listProviders().includes(arg)) {
          write(`${unknownProvider(factory, arg)}\n`);
          return done(false);
        }
        pinned = arg;
        write(`pinned ${arg}: it answers first, the fallbacks after it\n`);
        return done(true);
      case '/strategy':
        if (!isStrategy(arg)) {
          write(`${unknownStrategy(arg)}\n`);
          return done(false);
        }
        strategy = arg;
        write(`routing by ${arg}\n`);
        return done(true);
      case '/clear':
        memory.clear();
        write('memory cleared\n');
        return done(true);
      default:
        write(`unknown command ${name}; try /help\n`);
        return done(false);
    }
  }

  async function answer(text: string, signal: AbortSignal | undefined): Promise<HandleResult> {
    memory.add({ role: 'user', content: text });
    const fit = memory.fit(budget());
    const complexity =
      strategy === 'complexity'
        ? (() => {
            const cls = classifier.classify({ messages: fit.messages }, fit.tokens);
            return { class: cls, strategy: classifier.strategies[cls] };
          })()
        : undefined;
    const started = performance.now();
    const fallbacks: string[] = [];
    currentFallbacks = fallbacks;
    delete last.attempt;
    let shown = '';
    let finish:
      | {
          provider: string;
          model: string;
          inputTokens: number;
          outputTokens: number;
          cost?: number;
        }
      | undefined;
    let failure: unknown;
    try {
      const events = streamTurn({
        messages: fit.messages,
        strategy,
        maxTokens,
        provider: pinned,
        signal,
      });
      for await (const event of events) {
        if (event.type === 'text') {
          shown += event.text;
          write(event.text);
        } else {
          finish = {
            provider: event.provider,
            model: event.model,
            inputTokens: event.inputTokens,
            outputTokens: event.outputTokens,
            ...(event.costUsd !== undefined && { cost: event.costUsd }),
          };
        }
      }
    } catch (error) {
      failure = error;
    } finally {
      currentFallbacks = undefined;
    }
    const streaming = attemptOf(last);
    const stopped = signal?.aborted === true && finish === undefined;
    if (failure !== undefined && !stopped) {
      memory.removeLast(); // the question without an answer is not kept
      totals.errors += 1;
      write(`${shown === '' ? '' : '\n'}  ✗ ${errorMessage(failure)}\n`);
      return {
        type: 'error',
        error: failure instanceof Error ? failure : new Error(String(failure)),
      };
    }
    if (shown !== '') memory.add({ role: 'assistant', content: shown });
    else memory.removeLast();
    const turn: ChatTurn = {
      n: totals.turns + 1,
      // A stopped answer has no finish event: the provider is the one that was streaming.
      provider: finish?.provider ?? streaming?.provider ?? '?',
      model: finish?.model ?? streaming?.model ?? '?',
      strategy,
      ...(complexity !== undefined && { complexity }),
      ...(pinned !== undefined && { pinned }),
      latencyMs: Math.round(performance.now() - started),
      usage: { inputTokens: finish?.inputTokens ?? 0, outputTokens: finish?.outputTokens ?? 0 },
      // Unknown for a stopped answer: the vendor bills what it generated before the stop.
      costUsd: finish?.cost,
      fallbacks,
      text: shown,
      stopped,
      memory: { messages: memory.size, tokens: memory.tokens, dropped: fit.dropped },
    };
    record(turn);
    write(`${stopped ? '\n  [answer stopped]' : ''}\n${formatTurnLine(turn)}\n`);
    options.onTurn?.(turn);
    return stopped ? { type: 'stopped', turn } : { type: 'answer', turn };
  }

  function record(turn: ChatTurn): void {
    totals.turns += 1;
    if (turn.stopped) {
      totals.stopped += 1;
      return;
    }
    totals.inputTokens += turn.usage.inputTokens;
    totals.outputTokens += turn.usage.outputTokens;
    totals.costUsd =
      totals.costUsd === undefined || turn.costUsd === undefined
        ? undefined
        : totals.costUsd + turn.costUsd;
    const entry = (totals.byProvider[turn.provider] ??= { turns: 0, costUsd: 0 });
    entry.turns += 1;
    entry.costUsd =
      entry.costUsd === undefined || turn.costUsd === undefined
        ? undefined
        : entry.costUsd + turn.costUsd;
  }

  return {
    async handle(line, handleOptions = {}) {
      const text = line.trim();
      if (text === '') return { type: 'empty' };
      if (text.startsWith('/')) return command(text);
      return answer(text, handleOptions.signal);
    },
    get strategy() {
      return strategy;
    },
    get provider() {
      return pinned;
    },
    memory,
    stats,
    close: () => {
      for (const off of offs) off();
    },
  };
}

function attemptOf(holder: { attempt?: { provider: string; model: string | undefined } }) {
  return holder.attempt;
}

function isStrategy(name: string): boolean {
  return (routingStrategies as readonly string[]).includes(name);
}

function unknownStrategy(name: string): string {
  return `unknown strategy "${name}"; one of ${routingStrategies.join(', ')}`;
}

function unknownProvider(factory: ProviderFactory, name: string): string {
  return `unknown provider "${name}"; configured: ${factory.listProviders().join(', ')} (or auto)`;
}
