import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One document of the corpus: its path relative to the corpus root, and its markdown text. */
export interface CorpusDocument {
  /** Shown in citations, e.g. `packages/router/README.md`. */
  path: string;
  text: string;
}

/** The repository root this app ships in (apps/rag/src → ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The bundled corpus: the project's own docs, read at run time from the repository — the root
 * `README.md` and `ARCHITECTURE.md`, then every `packages/<name>/README.md` in name order.
 * Missing files are skipped; an empty result throws, naming the folder it looked in.
 */
export async function loadProjectDocs(root: string = repoRoot): Promise<CorpusDocument[]> {
  const files = ['README.md', 'ARCHITECTURE.md'];
  const packages = await readdir(path.join(root, 'packages'), { withFileTypes: true }).catch(
    () => [],
  );
  for (const entry of packages.filter((e) => e.isDirectory()).sort(byName))
    files.push(`packages/${entry.name}/README.md`);
  const docs: CorpusDocument[] = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined && text.trim() !== '') docs.push({ path: file, text });
  }
  if (docs.length === 0)
    throw new Error(
      `no documents found under ${root}: expected README.md, ARCHITECTURE.md or packages/*/README.md (pass corpus: [{ path, text }] to use your own)`,
    );
  return docs;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
