import type { CorpusDocument } from './corpus.js';

/** A piece of a document small enough to embed and to quote as context. */
export interface Chunk {
  /** Stable id: `<path>#<heading-slug>-<n>`. */
  id: string;
  /** The document it comes from. */
  path: string;
  /** The nearest heading above it ('' before the first heading). */
  heading: string;
  /** Every heading above it, outermost first (`['@modelmux/router', 'API']`). */
  headings: string[];
  /** The text, with `overlapChars` of the previous chunk of the same section in front. */
  text: string;
}

/** How documents are cut. */
export interface ChunkOptions {
  /** Upper bound of a chunk's text, overlap included (default 1200 characters). */
  maxChars?: number;
  /** How much of the previous chunk of the same section starts the next one (default 150). */
  overlapChars?: number;
}

interface Section {
  headings: string[];
  blocks: string[];
}

/**
 * Cuts markdown by heading, then by paragraph: a section's blocks (paragraphs, lists, fenced code,
 * tables) are packed into chunks of at most `maxChars`; a block longer than that is cut at line,
 * then word boundaries. Each chunk after the first of a section starts with the last
 * `overlapChars` of the previous one (at a word boundary), so a fact cut in two is still found.
 * Headings inside fenced code are not headings.
 */
export function chunkDocument(doc: CorpusDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 1200;
  const overlapChars = options.overlapChars ?? 150;
  if (!Number.isInteger(maxChars) || maxChars < 100)
    throw new RangeError(`maxChars must be a whole number ≥ 100, got ${maxChars}`);
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars >= maxChars / 2)
    throw new RangeError(
      `overlapChars must be a whole number from 0 to less than maxChars / 2, got ${overlapChars}`,
    );
  const chunks: Chunk[] = [];
  const seen = new Map<string, number>();
  for (const section of sections(doc.text)) {
    const heading = section.headings.at(-1) ?? '';
    const pieces = pack(
      section.blocks.flatMap((b) => split(b, maxChars - overlapChars)),
      maxChars - overlapChars,
    );
    let previous = '';
    for (const piece of pieces) {
      const lead = previous === '' ? '' : tail(previous, overlapChars);
      const text = lead === '' ? piece : `${lead}\n\n${piece}`;
      const base = `${doc.path}#${slug(heading) || 'top'}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      chunks.push({
        id: `${base}-${n}`,
        path: doc.path,
        heading,
        headings: section.headings,
        text,
      });
      previous = piece;
    }
  }
  return chunks;
}

/** Chunks every document, in order. */
export function chunkCorpus(docs: readonly CorpusDocument[], options: ChunkOptions = {}): Chunk[] {
  return docs.flatMap((doc) => chunkDocument(doc, options));
}

function sections(markdown: string): Section[] {
  const out: Section[] = [];
  let headings: string[] = [];
  let current: Section = { headings, blocks: [] };
  let block: string[] = [];
  let fence: string | undefined;
  const endBlock = () => {
    const text = block.join('\n').trim();
    if (text !== '') current.blocks.push(text);
    block = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMark = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence !== undefined) {
      block.push(line);
      if (
        fenceMark !== undefined &&
        fenceMark[0] === fence[0] &&
        fenceMark.length >= fence.length
      ) {
        fence = undefined;
        endBlock();
      }
      continue;
    }
    if (fenceMark !== undefined) {
      endBlock();
      fence = fenceMark;
      block.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      endBlock();
      if (current.blocks.length > 0) out.push(current);
      const level = (heading[1] as string).length;
      headings = [...headings.slice(0, level - 1), clean(heading[2] as string)];
      current = { headings, blocks: [] };
      continue;
    }
    if (line.trim() === '') endBlock();
    else block.push(compactTableRow(line));
  }
  endBlock();
  if (current.blocks.length > 0) out.push(current);
  return out;
}

/** Packs blocks into pieces of at most `limit` characters, blocks kept whole. */
function pack(blocks: string[], limit: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const block of blocks) {
    if (piece !== '' && piece.length + 2 + block.length > limit) {
      pieces.push(piece);
      piece = '';
    }
    piece = piece === '' ? block : `${piece}\n\n${block}`;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** Cuts a block longer than `limit` at line boundaries, then at word boundaries, then hard. */
function split(block: string, limit: number): string[] {
  if (block.length <= limit) return [block];
  const out: string[] = [];
  let piece = '';
  for (const unit of block.includes('\n') ? block.split('\n') : block.split(/(?<=\s)/)) {
    for (const part of hardCut(unit, limit)) {
      if (piece.length + part.length + 1 > limit && piece !== '') {
        out.push(piece.trimEnd());
        piece = '';
      }
      piece = piece === '' ? part : block.includes('\n') ? `${piece}\n${part}` : piece + part;
    }
  }
  if (piece.trim() !== '') out.push(piece.trimEnd());
  return out;
}

function hardCut(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += limit) out.push(text.slice(i, i + limit));
  return out;
}

/** The last `chars` of a text, starting at a sentence or, failing that, a word boundary. */
function tail(text: string, chars: number): string {
  if (chars === 0) return '';
  if (text.length <= chars) return text;
  const cut = text.slice(text.length - chars);
  // Start at a sentence when one starts early enough, else at a word.
  const sentence = /[.!?]\s+(?=\S)/.exec(cut);
  if (sentence && sentence.index < cut.length / 2)
    return cut.slice(sentence.index + sentence[0].length);
  const space = cut.search(/\s/);
  return (space >= 0 ? cut.slice(space + 1) : cut).trimStart();
}

/**
 * A markdown table row without its alignment padding (Prettier pads cells to the widest one,
 * which would cost tokens in every prompt): runs of spaces become one, `|---…---|` becomes `|---|`.
 */
function compactTableRow(line: string): string {
  if (!line.trimStart().startsWith('|')) return line;
  return line.replace(/ {2,}/g, ' ').replace(/-{4,}/g, '---');
}

/** Heading text without markdown emphasis, code ticks or links. */
function clean(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .trim();
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
