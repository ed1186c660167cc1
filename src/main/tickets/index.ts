/** Tickets and entry: signed codes, check-in, layouts, printing counts, PDF. The module's only public door. */
export { TicketsService, type TicketsOptions } from './tickets.service';
export {
  CODE_ALPHABET,
  parseTicketCode,
  signTicketCode,
  verifyTicketCode,
  newKeyPair,
  importPublicKey,
  importPrivateKey,
  type TicketClaims,
} from './ticket-code';
export { renderHtml, qrModules, type LayoutModel, type TicketFormat } from './ticket-layout';
export { renderPdf } from './ticket-pdf';
