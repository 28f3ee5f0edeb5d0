import { describe, expect, test } from 'vitest';
import { citationsFor } from './citations.js';
import type { SearchHit } from './search-index.js';

const hit = (path: string, heading: string, text: string, score = 1): SearchHit => ({
  chunk: { id: `${path}#${heading}-1`, path, heading, headings: [heading], text },
  score,
});
const hits = [
  hit('README.md', 'Install', 'Run npm install modelmux to get the factory.'),
  hit(
    'packages/router/README.md',
    'Cost',
    'The cost strategy orders providers by the price of this request.',
  ),
  hit('ARCHITECTURE.md', '', 'Adapters depend on core only.'),
];

describe('citationsFor', () => {
  test('cites the chunks the answer marks, once each, in order', () => {
    const cited = citationsFor('It orders by price [2]. Install it first [1][2].', hits);
    expect(cited.map((c) => [c.n, c.label])).toEqual([
      [1, 'README.md › Install'],
      [2, 'packages/router/README.md › Cost'],
    ]);
  });

  test('marks out of range are ignored; without valid marks a quoted chunk is cited', () => {
    const cited = citationsFor(
      '[9] The cost strategy orders providers by the price of this request.',
      hits,
    );
    expect(cited.map((c) => c.id)).toEqual(['packages/router/README.md#Cost-1']);
  });

  test('no mark and no quote: every context chunk is cited', () => {
    expect(citationsFor('Something else entirely.', hits).map((c) => c.label)).toEqual([
      'README.md › Install',
      'packages/router/README.md › Cost',
      'ARCHITECTURE.md',
    ]);
  });
});
