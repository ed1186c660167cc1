/**
 * The IPC of a terminal's windows (terminal.ts decides; this file only registers the handlers with
 * ipcMain). Every message passes the same sender check as the core's IPC: one of our windows, top frame,
 * a page of the origin the window is meant to show (the box office, or the local connect screen).
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../preload/protocol';
import { checkSender, type SenderInfo, type SenderPolicy } from '../ipc/index';
import { connectTerminal, printViaBoxOffice, type Fetch, type TerminalStore } from './terminal';

export interface TerminalIpcOptions {
  store: TerminalStore;
  fetch: Fetch;
  policy: SenderPolicy;
  printHtml: ((html: string) => Promise<void>) | null;
  /** Paired with a (possibly new) box office: the shell restarts onto its pages. */
  onConnected(serverUrl: string): void;
  log(message: string): void;
}

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

export function registerTerminalIpc(options: TerminalIpcOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent, what: string): boolean => {
    const verdict = checkSender(senderOf(event), options.policy);
    if (!verdict.trusted)
      options.log(`refused a terminal ${what} from webContents ${event.sender.id}: ${verdict.reason}`);
    return verdict.trusted;
  };

  ipcMain.handle(IPC_CHANNELS.terminalConnection, (event) =>
    trusted(event, 'connection read') ? options.store.read() : null,
  );
  ipcMain.handle(IPC_CHANNELS.terminalConnect, async (event, request: unknown) => {
    if (!trusted(event, 'connect')) return { ok: false, code: 'forbidden', message: 'This window may not pair.' };
    const { address, pairingCode } = (typeof request === 'object' && request !== null ? request : {}) as Record<
      string,
      unknown
    >;
    const result = await connectTerminal({ store: options.store, fetch: options.fetch }, { address, pairingCode });
    if (result.ok) options.onConnected(result.serverUrl);
    return result;
  });
  ipcMain.handle(IPC_CHANNELS.terminalForget, (event) => {
    if (trusted(event, 'forget')) options.store.forget();
    return null;
  });
  ipcMain.handle(IPC_CHANNELS.print, (event, request: unknown) => {
    if (!trusted(event, 'print')) return { ok: false, reason: 'refused', message: 'This window may not print.' };
    const connection = options.store.read();
    if (!connection) return { ok: false, reason: 'refused', message: 'This PC is not connected to a box office.' };
    return printViaBoxOffice(
      { fetch: options.fetch, serverUrl: connection.serverUrl, printHtml: options.printHtml },
      request,
    );
  });

  return () => {
    for (const channel of [
      IPC_CHANNELS.terminalConnection,
      IPC_CHANNELS.terminalConnect,
      IPC_CHANNELS.terminalForget,
      IPC_CHANNELS.print,
    ]) {
      ipcMain.removeHandler(channel);
    }
  };
}
