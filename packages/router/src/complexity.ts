import type { ChatRequest, RoutingStrategyName } from '@modelmux/core';

/** How demanding a request looks. */
export type ComplexityClass = 'simple' | 'medium' | 'complex';

/** Settings of the complexity classifier and of the `complexity` strategy. */
export interface ComplexityOptions {
  /** Fewer words than this in the last user message (and nothing else complex) → simple (default 10). */
  simpleMaxWords?: number;
  /** More words than this → complex (default 50). */
  complexMinWords?: number;
  /** Input tokens of the whole request (context included) below which it can be simple (default 1 000). */
  simpleMaxInputTokens?: number;
  /** Input tokens above which it is complex (default 4 000). */
  complexMinInputTokens?: number;
  /** Words that make a request complex (default: analyze, compare, explain, evaluate, …). */
  keywords?: readonly string[];
  /** A request that offers tools is complex (default true). */
  toolsAreComplex?: boolean;
  /** The strategy per class (default simple → cost, medium → latency, complex → quality). */
  strategies?: Partial<Record<ComplexityClass, RoutingStrategyName>>;
}

/** The keywords that mark a request as complex unless configured otherwise. */
export const defaultComplexityKeywords: readonly string[] = [
  'analyze',
  'analyse',
  'compare',
  'explain',
  'evaluate',
  'reason',
  'prove',
  'derive',
  'design',
  'critique',
  'summarize',
  'summarise',
  'plan',
  'debug',
  'refactor',
];

/** A classifier made once from the options (the keyword regex is compiled once). */
export interface ComplexityClassifier {
  classify(
    request: Pick<ChatRequest<unknown>, 'messages' | 'tools'>,
    inputTokens: number,
  ): ComplexityClass;
  readonly strategies: Record<ComplexityClass, RoutingStrategyName>;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text of the last user message (the query), or ''. */
function lastUserText(messages: ChatRequest<unknown>['messages']): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    let text = '';
    for (const part of message.content) if (part.type === 'text') text += `${part.text} `;
    return text;
  }
  return '';
}

/** Words in a text, counted without splitting it (no allocation). */
function countWords(text: string, stopAfter: number): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++words > stopAfter) return words;
    }
  }
  return words;
}

/**
 * Builds the complexity classifier: complex when the request offers tools, names a keyword
 * (analyze, compare, explain, evaluate…), has more than `complexMinWords` words in its last user
 * message or more than `complexMinInputTokens` input tokens; simple when it has fewer than
 * `simpleMaxWords` words and fewer than `simpleMaxInputTokens` tokens and none of the above;
 * medium otherwise.
 */
export function createComplexityClassifier(options: ComplexityOptions = {}): ComplexityClassifier {
  const simpleMaxWords = options.simpleMaxWords ?? 10;
  const complexMinWords = options.complexMinWords ?? 50;
  const simpleMaxInputTokens = options.simpleMaxInputTokens ?? 1_000;
  const complexMinInputTokens = options.complexMinInputTokens ?? 4_000;
  const keywords = options.keywords ?? defaultComplexityKeywords;
  const toolsAreComplex = options.toolsAreComplex ?? true;
  // Word starts only, so "explained" and "comparison" count but "explainer" in "unexplained" does not.
  const keywordPattern =
    keywords.length > 0 ? new RegExp(`\\b(?:${keywords.map(escape).join('|')})`, 'i') : undefined;
  return {
    strategies: {
      simple: options.strategies?.simple ?? 'cost',
      medium: options.strategies?.medium ?? 'latency',
      complex: options.strategies?.complex ?? 'quality',
    },
    classify(request, inputTokens) {
      if (toolsAreComplex && request.tools && request.tools.length > 0) return 'complex';
      if (inputTokens > complexMinInputTokens) return 'complex';
      const text = lastUserText(request.messages);
      if (keywordPattern?.test(text)) return 'complex';
      const words = countWords(text, complexMinWords);
      if (words > complexMinWords) return 'complex';
      if (words < simpleMaxWords && inputTokens < simpleMaxInputTokens) return 'simple';
      return 'medium';
    },
  };
}
