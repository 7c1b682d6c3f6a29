/**
 * Long synchronous steps written as generators (a `yield` between units of work), so the same code
 * runs at once (`runToEnd`, for pure callers) or in slices that let the event loop run
 * (`runYielding`): a signal handler gets its turn at least every `sliceMs`, and an aborted signal
 * stops the work at the next slice with `Interrupted` (nothing was written by the step itself).
 */
export type Steps<T> = Generator<void, T, void>;

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runYielding<T>(steps: Steps<T>, signal: AbortSignal | undefined, sliceMs = 50): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new Interrupted();
    sliceStart = performance.now();
  }
}
