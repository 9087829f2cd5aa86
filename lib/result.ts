// What every server action and domain operation returns. Database errors never reach the user:
// they are logged and turned into one of these. A `message` (and each field error) is a message
// reference made by msg() (lib/i18n/problem.ts), translated for the reader by the UI.
import { msg } from '@/lib/i18n/problem';

export type FieldErrors = Record<string, string[] | undefined>;

export type Result<T> =
  | { status: 'ok'; data: T }
  | { status: 'invalid'; message: string; fieldErrors?: FieldErrors }
  | { status: 'forbidden'; message: string; reason?: 'signed_out' }
  | { status: 'conflict'; message: string }
  | { status: 'not_found'; message: string };

export type Failure = Exclude<Result<never>, { status: 'ok' }>;

export const ok = <T>(data: T): Result<T> => ({ status: 'ok', data });
export const invalid = (message: string, fieldErrors?: FieldErrors): Failure => ({ status: 'invalid', message, fieldErrors });
export const forbidden = (message = msg('problems.common.forbidden')): Failure => ({ status: 'forbidden', message });
/** No session (never signed in, signed out, or the session ended): the caller is sent to sign in, not shown an error. */
export const signedOut = (): Failure => ({ status: 'forbidden', message: msg('problems.common.signIn'), reason: 'signed_out' });
export const conflict = (message: string): Failure => ({ status: 'conflict', message });
export const notFound = (message = msg('problems.common.notFound')): Failure => ({ status: 'not_found', message });

/** Thrown inside a transaction to roll it back and come out as a Failure. */
export class OperationFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}
