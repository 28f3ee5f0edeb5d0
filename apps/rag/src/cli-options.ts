// The one way the demo CLIs (rag, agent, chatbot, the tour) read their flags: commander, whose
// unknown options and excess arguments are errors, with these value parsers. A bad value fails
// before anything starts, naming the flag: `error: option '-k, --top <n>' argument 'abc' is
// invalid. Expected a whole number ≥ 1.`
import { type Command, InvalidArgumentError } from 'commander';

/** A parser for a whole number ≥ `min` (for `.option(flags, description, parser, default)`). */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value.trim() === '' ? Number.NaN : value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`Expected a whole number ≥ ${min}.`);
    return n;
  };
}

/** A parser for a whole number ≥ 1. */
export const positiveInteger: (value: string) => number = integerAtLeast(1);

/** A parser for text that is not empty or only spaces. */
export function nonEmptyText(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError('Expected some text, not an empty string.');
  return value;
}

/**
 * Parses `argv` (default `process.argv`) and runs the program's action; an error ends the process
 * with exit code 1 and `error: <message>` on stderr, like commander's own errors.
 */
export function runCli(program: Command, argv?: readonly string[]): void {
  program
    .showHelpAfterError('(add --help for the usage)')
    .parseAsync(argv)
    .catch((error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
