import { describe, expect, test } from 'vitest';
import { chunkDocument } from './chunk.js';

const doc = (text: string) => ({ path: 'docs/guide.md', text });

describe('chunkDocument', () => {
  test('cuts by heading and keeps the heading path and a stable id', () => {
    const chunks = chunkDocument(
      doc(
        '# Guide\n\nIntro text.\n\n## Install\n\nRun npm install.\n\n### Windows\n\nUse WSL.\n\n## Usage\n\nCall it.',
      ),
    );
    expect(chunks.map((c) => [c.id, c.headings, c.text])).toEqual([
      ['docs/guide.md#guide-1', ['Guide'], 'Intro text.'],
      ['docs/guide.md#install-1', ['Guide', 'Install'], 'Run npm install.'],
      ['docs/guide.md#windows-1', ['Guide', 'Install', 'Windows'], 'Use WSL.'],
      ['docs/guide.md#usage-1', ['Guide', 'Usage'], 'Call it.'],
    ]);
    expect(chunks.map((c) => c.path)).toEqual(Array(4).fill('docs/guide.md'));
  });

  test('a # line inside fenced code is not a heading, and the fence stays whole', () => {
    const [chunk, ...rest] = chunkDocument(doc('## Shell\n\n```sh\n# a comment\n\nls\n```\n'));
    expect(rest).toEqual([]);
    expect(chunk?.heading).toBe('Shell');
    expect(chunk?.text).toBe('```sh\n# a comment\n\nls\n```');
  });

  test('packs paragraphs up to maxChars, each later chunk starting with the overlap', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) =>
      `Paragraph ${i} ${'word '.repeat(30)}`.trim(),
    );
    const chunks = chunkDocument(doc(`## Long\n\n${paragraphs.join('\n\n')}`), {
      maxChars: 400,
      overlapChars: 60,
    });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(400);
    // Every paragraph is in some chunk, and each chunk after the first repeats the end of the previous.
    for (const p of paragraphs) expect(chunks.some((c) => c.text.includes(p))).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      const lead = (chunks[i] as { text: string }).text.split('\n\n')[0] as string;
      expect((chunks[i - 1] as { text: string }).text.endsWith(lead)).toBe(true);
      expect(lead.length).toBeLessThanOrEqual(60);
    }
    expect(chunks.map((c) => c.id)).toEqual(chunks.map((_, i) => `docs/guide.md#long-${i + 1}`));
  });

  test('the overlap starts at a sentence when one starts early in it', () => {
    const para = (n: number) =>
      `Filler words number ${n} go here. The fact number ${n} is kept whole.`;
    const chunks = chunkDocument(doc([para(1), para(2), para(3)].join('\n\n')), {
      maxChars: 160,
      overlapChars: 45,
    });
    expect(chunks.map((c) => c.text)).toEqual([
      para(1),
      `The fact number 1 is kept whole.\n\n${para(2)}`,
      `The fact number 2 is kept whole.\n\n${para(3)}`,
    ]);
  });

  test('a paragraph longer than the cap is cut at word boundaries', () => {
    const chunks = chunkDocument(doc(`${'alpha beta gamma '.repeat(100)}`), {
      maxChars: 200,
      overlapChars: 0,
    });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200);
      expect(c.text).toMatch(/^(alpha|beta|gamma)\b/);
    }
  });

  test('table rows lose their padding', () => {
    const [chunk] = chunkDocument(doc('| a      | b   |\n| ------ | --- |\n| 1      | 2   |'));
    expect(chunk?.text).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });

  test('bad sizes are a RangeError naming the option', () => {
    expect(() => chunkDocument(doc('x'), { maxChars: 10 })).toThrow(/maxChars/);
    expect(() => chunkDocument(doc('x'), { maxChars: 200, overlapChars: 150 })).toThrow(
      /overlapChars/,
    );
  });
});
