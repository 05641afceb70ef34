/**
 * The error `f` throws, to check its class both ways (an InsufficientDataError
 * is also an ArgumentError, so `toThrow(ArgumentError)` cannot tell them apart).
 * Throws when `f` returns normally.
 */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw, but it returned");
}
