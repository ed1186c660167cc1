/** The IPC transport: the module's only public door (the shell imports it; tests import the pure parts directly). */
export { registerIpcTransport, type IpcTransport, type IpcTransportOptions } from './ipc-transport';
export { checkSender, type SenderInfo, type SenderPolicy } from './sender-guard';
export { forwardEvents, topicsOf } from './event-topics';
