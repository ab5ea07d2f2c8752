/**
 * A mistake in the command line itself: `main()` prints the message and the command's short
 * usage, and exits 2 (1 is for failures of the work).
 *
 * @example
 * throw new CliUsageError('expected exactly one <file>, got 2 arguments', 'store');
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';

  constructor(
    message: string,
    /** The command whose usage to print, or undefined for the general usage. */
    readonly command?: string,
  ) {
    super(message);
  }
}
