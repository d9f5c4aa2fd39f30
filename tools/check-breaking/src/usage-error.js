/** A problem with what the check was given (arguments, files, changesets): one line on stderr, exit code 2. */
export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}
