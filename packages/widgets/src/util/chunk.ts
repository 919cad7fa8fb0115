/**
 * A module loaded on first use with a dynamic `import()`: its own chunk in the CDN build and in
 * an app's bundle. {@link Chunk.load} fetches it once, and again after a failure (a lost
 * connection must not break the feature for good); {@link Chunk.value} is the module once it
 * is there, so that code can use it synchronously from then on.
 */
export class Chunk<T> {
  private loaded: T | undefined;
  private promise: Promise<T> | undefined;

  constructor(private readonly loader: () => Promise<T>) {}

  /** The module once loaded (or provided). */
  get value(): T | undefined {
    return this.loaded;
  }

  /** Loads it (once; a failed load is tried again on the next call). */
  load(): Promise<T> {
    this.promise ??= this.loader().then(
      (value) => (this.loaded = value),
      (error: unknown) => {
        this.promise = undefined;
        throw error;
      },
    );
    return this.promise;
  }

  /** Takes the module from code that imported it statically, so it is there at once. */
  provide(value: T): void {
    this.loaded ??= value;
  }
}
