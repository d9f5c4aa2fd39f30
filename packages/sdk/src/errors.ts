/** Base class of everything the SDK throws. Branch with `instanceof`. */
export class HostupError extends Error {
  override name = "HostupError";
}

/** The SDK was configured or called with input it can tell is wrong before sending anything. */
export class HostupConfigError extends HostupError {
  override name = "HostupConfigError";
}
