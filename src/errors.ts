/**
 * Errors the core raises for conditions a user must act on. The command layer maps each kind to
 * an exit code and a one-line message, in one place (`cli/run.ts`); nothing else prints or exits.
 */
export const EXIT = {
  /** Success (warnings allowed). */
  ok: 0,
  /** The data has errors (`validate`, `analyse --strict`), or `check` found a regression. */
  dataErrors: 1,
  /** Unusable input or usage: missing folder, no partners.csv, bad option, unwritable output. */
  unusable: 2,
  /**
   * `analyse`/`summary`: the outputs could not be protected (a hidden count would stay
   * recoverable whatever else is hidden); nothing is written.
   */
  unprotectable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Input or usage that leaves nothing meaningful to do (exit 2). */
export class UnusableInputError extends Error {
  override readonly name = 'UnusableInputError';
}

/** A bad command-line option or argument (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
