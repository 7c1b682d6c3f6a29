/**
 * Records engine answers in the TM one batch at a time, in arrival order, and stops everything on
 * the first failed durable write: listeners (each engine's request queue) stop dispatching at once;
 * answers still arriving from requests in flight are held in memory. `finish()` tries those again,
 * and if the TM still refuses, writes them to a recovery file beside the TM (folded in by the next
 * run), then throws the named IO error (path, errno, fix; exit 9).
 */
import { TilmashError } from '../errors.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { writeRecovery } from '../tm/tm-recovery.js';

export class DurableRecorder {
  readonly #tm: TranslationMemory;
  #chain: Promise<unknown> = Promise.resolve();
  #failure: TilmashError | undefined;
  readonly #held = new Map<string, TmEntry[]>();
  readonly #onFailure = new Set<() => void>();

  constructor(tm: TranslationMemory) {
    this.#tm = tm;
  }

  /** Called once, at the first failed write (stop the queues). */
  onFailure(listener: () => void): void {
    this.#onFailure.add(listener);
  }

  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /**
   * Resolves true when every answer received so far is durably recorded, false when a write failed:
   * a request about to be sent waits for this, so nothing is sent after a failed write (a macrotask
   * first, so answers that just arrived are queued for recording).
   */
  async mayProceed(): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.#chain;
    return this.#failure === undefined;
  }

  /** Records `entries` after every earlier batch; resolves true when durable, false when held in memory. */
  record(locale: string, entries: TmEntry[]): Promise<boolean> {
    const result = this.#chain.then(async () => {
      if (this.#failure) return this.#hold(locale, entries);
      try {
        await this.#tm.record(locale, entries);
        return true;
      } catch (error) {
        // A failed durable write: a file (io) or the shared TM's database (tmStore). Anything else is a bug: surface it.
        if (!(error instanceof TilmashError) || (error.kind !== 'io' && error.kind !== 'tmStore')) throw error;
        this.#failure = error;
        for (const listener of this.#onFailure) listener();
        return this.#hold(locale, entries);
      }
    });
    this.#chain = result.catch(() => undefined);
    return result;
  }

  #hold(locale: string, entries: TmEntry[]): false {
    const held = this.#held.get(locale) ?? [];
    held.push(...entries);
    this.#held.set(locale, held);
    return false;
  }

  /**
   * After the last answer: without a failure, nothing to do. Otherwise the held answers are written
   * to the TM if it takes them now, else to a recovery file; then the IO error is thrown, saying where
   * every paid answer is.
   */
  async finish(): Promise<void> {
    await this.#chain;
    const failure = this.#failure;
    if (!failure) return;
    const kept: string[] = [];
    const lost: string[] = [];
    for (const [locale, entries] of this.#held) {
      const where = await this.#keep(locale, entries);
      (where ? kept : lost).push(where ? `${entries.length} for ${locale} in ${where}` : `${entries.length} for ${locale}`);
    }
    const said = [
      'Nothing more was sent after this failure.',
      kept.length > 0 ? `Answers received after it were saved (${kept.join('; ')}); the next run folds them into the TM.` : '',
      lost.length > 0 ? `Answers that could not be saved anywhere (they will be sent again): ${lost.join('; ')}.` : '',
    ].filter(Boolean).join(' ');
    throw new TilmashError(failure.kind, `${failure.message} ${said}`, { file: failure.file, cause: failure });
  }

  /**
   * Where held entries ended up: the TM journal, a recovery file, or nowhere (undefined). After a
   * database failure they always go to the recovery file: a second try could reach the server back
   * up (or not), and the message would name the database one time and the file another; the next
   * open of the shared TM folds the file in.
   */
  async #keep(locale: string, entries: TmEntry[]): Promise<string | undefined> {
    try {
      if (this.#failure?.kind === 'tmStore') throw this.#failure;
      await this.#tm.record(locale, entries);
      return this.#tm.journalPath(locale);
    } catch {
      try {
        return await writeRecovery(this.#tm.dir, this.#tm.sourceLocale, locale, entries);
      } catch {
        return undefined; // the folder beside the TM refuses too (a full disk)
      }
    }
  }
}
