/**
 * The IPC transport's Electron side: registers the handlers of ipc-handler.ts with ipcMain and pushes
 * events to subscribed windows. Only this file (and the shell) import electron; everything it decides is
 * in the electron-free modules next to it.
 */
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type IpcEventMessage } from '../../preload/protocol';
import type { Actor } from '../core/actor';
import type { Dispatcher } from '../core/dispatcher';
import { createIpcHandlers } from './ipc-handler';
import type { IpcLogger } from './ipc-result';
import { originOf, type SenderInfo, type SenderPolicy } from './sender-guard';
import { SubscriptionRegistry } from './subscriptions';

export interface IpcTransportOptions {
  dispatcher: Dispatcher;
  printHtml?: ((html: string) => Promise<void>) | null;
  authenticate: (token: string) => Promise<Actor | null>;
  policy: SenderPolicy;
  log: IpcLogger;
}

export interface IpcTransport {
  /** Sends an event to every window subscribed to the topic. */
  publish(topic: string, payload: unknown): void;
  /** Removes the handlers (at quit, before the core closes). */
  dispose(): void;
}

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

export function registerIpcTransport(options: IpcTransportOptions): IpcTransport {
  const subscriptions = new SubscriptionRegistry();
  const handlers = createIpcHandlers({ ...options, subscriptions });

  const watched = new Set<number>();
  function forgetOnDestroy(event: IpcMainInvokeEvent): void {
    const id = event.sender.id;
    if (watched.has(id)) return;
    watched.add(id);
    event.sender.once('destroyed', () => {
      watched.delete(id);
      subscriptions.removeSender(id);
    });
  }

  ipcMain.handle(IPC_CHANNELS.call, (event, request: unknown) => handlers.call(senderOf(event), request));
  ipcMain.handle(IPC_CHANNELS.subscribe, (event, topic: unknown) => {
    forgetOnDestroy(event);
    return handlers.subscribe(senderOf(event), topic);
  });
  ipcMain.handle(IPC_CHANNELS.unsubscribe, (event, topic: unknown) => handlers.unsubscribe(senderOf(event), topic));
  ipcMain.handle(IPC_CHANNELS.print, (event, request: unknown) => handlers.print(senderOf(event), request));

  return {
    publish(topic, payload) {
      const message: IpcEventMessage = { topic, payload };
      for (const id of subscriptions.subscribersOf(topic)) {
        const target = webContents.fromId(id);
        if (!target || target.isDestroyed()) {
          subscriptions.removeSender(id);
          continue;
        }
        // Re-check at delivery: the window may have been navigated since it subscribed.
        if (!options.policy.isOwnWebContents(id)) continue;
        if (originOf(target.getURL()) !== originOf(options.policy.allowedOrigin)) continue;
        target.send(IPC_CHANNELS.event, message);
      }
    },
    dispose() {
      for (const channel of [IPC_CHANNELS.call, IPC_CHANNELS.subscribe, IPC_CHANNELS.unsubscribe, IPC_CHANNELS.print]) {
        ipcMain.removeHandler(channel);
      }
    },
  };
}
