// Which file of a parallel check goes to which thread: the main thread and each worker take the next index from
// one counter in shared memory, so no thread waits for another to hand it work.

/** The next file's index, taken by whichever thread is free first. */
export class SharedFileCounter {
  private readonly counter: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.counter = new Int32Array(buffer);
  }

  /** The index of a file no thread has taken yet (at or past the end when none is left). */
  take(): number {
    return Atomics.add(this.counter, 0, 1);
  }
}
