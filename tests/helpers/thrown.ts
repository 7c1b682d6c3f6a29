/**
 * The error a call throws (or a promise rejects with), checked to be an instance of `ErrorClass`
 * and, when `kind` is given, to carry that `kind` (TilmashError's error kind). A call that does not
 * throw fails the test.
 */
import { expect } from 'vitest';

type ErrorClass<E extends Error> = abstract new (...args: any[]) => E;
type KindOf<E> = E extends { readonly kind: infer K } ? K : never;

function checked<E extends Error>(error: unknown, ErrorClass: ErrorClass<E>, kind: KindOf<E> | undefined): E {
  expect(error).toBeInstanceOf(ErrorClass);
  if (kind !== undefined) expect((error as { kind?: unknown }).kind).toBe(kind);
  return error as E;
}

export function thrownBy<E extends Error>(fn: () => unknown, ErrorClass: ErrorClass<E>, kind?: KindOf<E>): E {
  try {
    fn();
  } catch (error) {
    return checked(error, ErrorClass, kind);
  }
  throw new Error(`expected a ${ErrorClass.name}${kind === undefined ? '' : ` of kind ${String(kind)}`}, but nothing was thrown`);
}

export async function rejectedBy<E extends Error>(promise: Promise<unknown>, ErrorClass: ErrorClass<E>, kind?: KindOf<E>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return checked(error, ErrorClass, kind);
  }
  throw new Error(`expected a ${ErrorClass.name}${kind === undefined ? '' : ` of kind ${String(kind)}`}, but the promise resolved`);
}
