/**
 * The preload: exposes `window.marquee`, one narrow bridge of plain functions (call, subscribe, mode).
 * The page never sees ipcRenderer, an IpcRendererEvent (whose `sender` is ipcRenderer) or any channel
 * name; it can only ask for contract operations and topics, and the main process checks every message.
 *
 * It runs sandboxed (`sandbox: true`): built as one CommonJS file whose only require is `electron`
 * (electron.vite.config.ts). Topic subscriptions are reference counted here so that many listeners in the
 * page cost one subscription in main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNELS,
  isValidTopic,
  modeFromArgv,
  transportFromArgv,
  type IpcEventMessage,
  type IpcResult,
  type MarqueeBridge,
  type PrintOutcome,
  type TerminalConnectResult,
  type TerminalConnection,
  type TerminalWindowBridge,
} from './protocol';

type Listener = (payload: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

function failure(code: 'bad_request' | 'unavailable', message: string): IpcResult {
  return { ok: false, error: { code, message, details: {} } };
}

ipcRenderer.on(IPC_CHANNELS.event, (_event, message: IpcEventMessage) => {
  if (typeof message !== 'object' || message === null) return;
  const topicListeners = listeners.get(message.topic);
  if (!topicListeners) return;
  for (const listener of [...topicListeners]) {
    try {
      listener(message.payload);
    } catch (error) {
      console.error('marquee: an event listener failed', error);
    }
  }
});

const bridge: MarqueeBridge = {
  async call(name, input, token, idempotencyKey) {
    if (typeof name !== 'string') return failure('bad_request', 'The operation name must be a string.');
    try {
      return (await ipcRenderer.invoke(IPC_CHANNELS.call, {
        name,
        input,
        token: typeof token === 'string' ? token : null,
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      })) as IpcResult;
    } catch {
      // Only when main has no handler (shutting down) or the input cannot be cloned.
      return failure('unavailable', 'The desktop app did not answer.');
    }
  },

  subscribe(topic, listener) {
    if (!isValidTopic(topic) || typeof listener !== 'function') {
      throw new TypeError('subscribe(topic, listener): a dotted lower-case topic and a function.');
    }
    let topicListeners = listeners.get(topic);
    if (!topicListeners) {
      topicListeners = new Set();
      listeners.set(topic, topicListeners);
      ipcRenderer.invoke(IPC_CHANNELS.subscribe, topic).then(
        (result: IpcResult) => {
          if (!result.ok) console.error(`marquee: could not subscribe to ${topic}: ${result.error.message}`);
        },
        (error: unknown) => console.error(`marquee: could not subscribe to ${topic}`, error),
      );
    }
    // A wrapper per call, so subscribing the same function twice needs two unsubscribes, like DOM events.
    const entry: Listener = (payload) => listener(payload);
    topicListeners.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(topic);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) {
        listeners.delete(topic);
        void ipcRenderer.invoke(IPC_CHANNELS.unsubscribe, topic).catch(() => undefined);
      }
    };
  },

  async printTickets(bookingId, token) {
    try {
      return (await ipcRenderer.invoke(IPC_CHANNELS.print, {
        bookingId,
        token: typeof token === 'string' ? token : null,
      })) as PrintOutcome;
    } catch {
      return { ok: false, reason: 'no_printer', message: 'The desktop app did not answer.' };
    }
  },

  printers: {
    async list(token) {
      try {
        return (await ipcRenderer.invoke(
          IPC_CHANNELS.printersList,
          typeof token === 'string' ? token : null,
        )) as unknown;
      } catch {
        return { ok: false, message: 'The desktop app did not answer.' };
      }
    },
    async set(token, choice) {
      try {
        return (await ipcRenderer.invoke(IPC_CHANNELS.printersSet, {
          token: typeof token === 'string' ? token : null,
          choice,
        })) as unknown;
      } catch {
        return { ok: false, message: 'The desktop app did not answer.' };
      }
    },
  },

  mode: modeFromArgv(process.argv),
};

/**
 * A terminal's window (transport `http`: the box office's pages, or the connect screen before pairing)
 * gets no `call`: the renderer uses HTTP RPC to its own origin, as a browser on the LAN does. It gets what
 * only this PC can do: keep its pairing with the box office, and print on its own printer.
 */
const terminalBridge: TerminalWindowBridge = {
  mode: bridge.mode,
  transport: 'http',
  terminal: {
    async connection() {
      try {
        return (await ipcRenderer.invoke(IPC_CHANNELS.terminalConnection)) as TerminalConnection | null;
      } catch {
        return null;
      }
    },
    async connect(address, pairingCode) {
      try {
        return (await ipcRenderer.invoke(IPC_CHANNELS.terminalConnect, {
          address: typeof address === 'string' ? address : '',
          pairingCode: typeof pairingCode === 'string' ? pairingCode : '',
        })) as TerminalConnectResult;
      } catch {
        return { ok: false, code: 'unavailable', message: 'The desktop app did not answer.' };
      }
    },
    async forget() {
      await ipcRenderer.invoke(IPC_CHANNELS.terminalForget).catch(() => undefined);
    },
  },
  printTickets: (bookingId, token) => bridge.printTickets(bookingId, token),
};

contextBridge.exposeInMainWorld('marquee', transportFromArgv(process.argv) === 'ipc' ? bridge : terminalBridge);
