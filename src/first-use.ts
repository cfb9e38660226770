// Code fetched on first use (a dialect, the reply streams' code): loaded once, later calls share
// the first load, and a load that fails is forgotten, so the next call tries again.

/** Something loaded on first use: `value` once it has arrived, `load()` to get it. */
export interface FirstUse<T> {
  /** The value if it has arrived (or was there from the start), else `undefined`. */
  readonly value: T | undefined;
  /** Loads it (once); rejects when it cannot be fetched, and the next call tries again. */
  load(): Promise<T>;
}

/** `load` behind a once-only loader; `already`: the value is there from the start. */
export function firstUse<T>(load: () => Promise<T>, already?: T): FirstUse<T> {
  let value = already;
  let pending: Promise<T> | undefined;
  return {
    get value() {
      return value;
    },
    load() {
      if (value !== undefined) return Promise.resolve(value);
      pending ??= load().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}
