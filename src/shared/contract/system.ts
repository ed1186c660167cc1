import { z } from 'zod';
import { empty, op } from './_prelude';

export const health = z.object({ status: z.literal('ok'), version: z.string() });

export const systemOperations = {
  /** Liveness: the server accepts requests and the database answers. */
  'system.health': op({
    summary: 'Health check',
    tag: 'System',
    input: empty,
    output: health,
    access: 'public',
    rest: { method: 'GET', path: '/health' },
  }),
};
