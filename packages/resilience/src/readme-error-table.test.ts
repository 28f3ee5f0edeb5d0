// The error table in README.md is checked row by row against the data (core's `errorTable`),
// so the documentation cannot drift from what the executor and the policies do.
import { readFileSync } from 'node:fs';
import { type ErrorKind, errorKinds, errorTable } from '@modelmux/core';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The rows of the first table under "## The error table", as arrays of cell texts. */
function readmeRows(): string[][] {
  const section = readme.split('## The error table')[1] ?? '';
  const lines = section.split('\n');
  const start = lines.findIndex((line) => /^\|\s*kind\s*\|/.test(line));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const code = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];
const yesNo = (cell: string) => (cell === 'yes' ? true : cell === 'no' ? false : undefined);

describe('README error table', () => {
  const rows = readmeRows();

  it('has the expected header and one row per error kind, none twice', () => {
    const header = readme
      .split('## The error table')[1]
      ?.split('\n')
      .find((l) => /^\|\s*kind\s*\|/.test(l));
    expect(header?.replace(/\s+/g, ' ').replace(/ ?\| ?/g, '|')).toBe(
      '|kind|retry here|then|breaker|answered|provider state|',
    );
    expect(rows.map((row) => code(row[0] ?? '')).sort()).toEqual([...errorKinds].sort());
  });

  it.each(errorKinds)('row %s matches errorTable', (kind: ErrorKind) => {
    const row = rows.find((r) => code(r[0] ?? '') === kind);
    expect(row).toBeDefined();
    const [, retry, then, breaker, answered, state] = row ?? [];
    const rule = errorTable[kind];
    expect({
      retry: code(retry ?? ''),
      then: code(then ?? ''),
      breaker: yesNo(breaker ?? ''),
      answered: yesNo(answered ?? ''),
      state: code(state ?? ''),
    }).toEqual({
      retry: rule.retry,
      then: rule.then,
      breaker: rule.breaker,
      answered: rule.answered,
      state: rule.state,
    });
  });
});
