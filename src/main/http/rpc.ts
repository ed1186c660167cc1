/**
 * The renderer's transport in a browser: POST /rpc/<operation> with the input as the JSON body. Same
 * dispatcher, same access rules as IPC and REST; it also reaches operations without a REST route.
 */
import type { Hono } from 'hono';
import { isOperationName, operations } from '../../shared/contract/index';
import { DomainError } from '../../shared/contract/errors';
import type { Core } from '../core/core';
import {
  actorFor,
  browserSessionAnswer,
  contextFor,
  errorResponse,
  outputResponse,
  readJsonObject,
  type Logger,
} from './transport';

export function registerRpc(app: Hono, core: Core, log: Logger): void {
  app.post('/rpc/:name', async (c) => {
    try {
      const name = c.req.param('name');
      if (!isOperationName(name)) throw new DomainError('not_found', `There is no operation ${name}.`);
      const actor = await actorFor(core, c, name);
      const input = await readJsonObject(c);
      const output = await core.dispatcher.call(name, input, contextFor(c, actor, 'rpc'));
      return outputResponse(
        c,
        browserSessionAnswer(c, name, output),
        operations[name].rest?.status === 204 ? 204 : 200,
      );
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });
}
