const stopwords = new Set(
  "a an the and or but if of to in on at by for with from into onto about as is are was were be been being do does did have has had i you he she it we they me my your our their this that these those what which who whom whose when where why how can could would should will shall may might must please tell give get use using say said just not no yes so than then there here its it's also any some all each".split(
    ' ',
  ),
);

/** Lower-case word tokens of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Words that carry meaning: no stop words, at least three characters. */
export function keywords(text: string): string[] {
  return words(text).filter((w) => w.length >= 3 && !stopwords.has(w));
}

/**
 * Splits a text into whole sentences (keeping their end punctuation): a sentence ends at `.`,
 * `!` or `?` followed by a space or the end, so `README.md` and `1.5` stay inside one; lines
 * wrapped inside a paragraph are joined, while blank lines, headings, list items, quotes, table
 * rows and each line of a fenced code block stand alone.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  // Odd parts are fenced code blocks.
  text.split(/(```[^\n]*\n[\s\S]*?(?:```|$))/).forEach((part, i) => {
    const pieces =
      i % 2 === 1
        ? part.split('\n').filter((line) => !line.trimStart().startsWith('```'))
        : (part
            .replace(/([^\n])\n(?![ \t]*(?:\n|[-*+#>|]|\d+[.)]\s))/g, '$1 ')
            .match(/[^\n]+?(?:[.!?]+(?=\s|$)|(?=\n)|$)/g) ?? []);
    for (const piece of pieces) if (piece.trim().length > 0) out.push(piece.trim());
  });
  return out;
}

/** How many distinct keywords of `a` appear in `b`. */
export function overlap(a: string, b: string): number {
  const inB = new Set(keywords(b));
  return new Set(keywords(a).filter((w) => inB.has(w))).size;
}
