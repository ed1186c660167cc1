/**
 * The one door into the main process. Every transport hands it an operation name, untrusted input and
 * the authenticated actor; it checks the actor's role against the contract, parses the input with the
 * operation's schema (unknown fields are dropped, never written) and only then runs the handler.
 */
import type { z } from 'zod';
import { operations, type OperationName, type OutputOf, type ParsedInputOf } from '../../shared/contract/index';
import { DomainError, validationError, type FieldError } from '../../shared/contract/errors';
import { answerOfError, isValidKey, requestHash, type IdempotencyStore } from '../idempotency/index';
import type { CallContext } from './context';
import type { Actor } from './actor';

export type Handler<N extends OperationName> = (input: ParsedInputOf<N>, ctx: CallContext) => Promise<OutputOf<N>>;

/** One handler per operation: the compiler makes sure none is missing. */
export type Handlers = { [N in OperationName]: Handler<N> };

export interface Dispatcher {
  call<N extends OperationName>(name: N, input: unknown, ctx: CallContext): Promise<OutputOf<N>>;
}

export function checkAccess(name: OperationName, ctx: CallContext): void {
  const access = operations[name].access;
  if (access === 'public') return;
  if (ctx.actor.kind === 'anonymous') throw new DomainError('unauthenticated');
  if (!access.includes(ctx.actor.role)) throw new DomainError('forbidden');
}

export function parseInput<N extends OperationName>(name: N, input: unknown): ParsedInputOf<N> {
  const schema = operations[name].input as z.ZodType;
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationError(toFieldErrors(result.error));
  return result.data as ParsedInputOf<N>;
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Idempotency keys are scoped to the credential that sent them: one session, or one API key. */
function credentialOf(actor: Actor): string | null {
  if (actor.kind === 'user') return `session:${actor.sessionId}:${actor.id}`;
  if (actor.kind === 'apiKey') return `apiKey:${actor.id}`;
  if (actor.kind === 'device') return `device:${actor.id}`;
  return null;
}

export function createDispatcher(handlers: Handlers, idempotency?: IdempotencyStore): Dispatcher {
  return {
    async call(name, input, ctx) {
      checkAccess(name, ctx);
      const parsed = parseInput(name, input);
      const handler = handlers[name] as Handler<typeof name>;
      const key = ctx.idempotencyKey;
      const credential = credentialOf(ctx.actor);
      if (!idempotency || key === undefined || !operations[name].idempotent || credential === null)
        return handler(parsed, ctx);
      if (!isValidKey(key))
        throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);

      const hash = requestHash(name, input);
      const replay = await idempotency.begin(credential, key, name, hash);
      if (replay) {
        if (replay.ok) return replay.value as OutputOf<typeof name>;
        const { code, message, details } = replay.body.error;
        throw new DomainError(code as never, message, details);
      }
      try {
        const output = await handler(parsed, ctx);
        await idempotency.finish(credential, key, { ok: true, value: output });
        return output;
      } catch (error) {
        await idempotency.finish(credential, key, answerOfError(error));
        throw error;
      }
    },
  };
}
