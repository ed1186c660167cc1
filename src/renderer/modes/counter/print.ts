/**
 * Print a booking's tickets: the server renders them as a PDF (`GET /api/v1/bookings/{id}/tickets.pdf`),
 * opened in a new window for the system's print dialog. The window is opened at once (inside the
 * cashier's key press or click, so no popup blocker stops it) and pointed at the PDF when it arrives.
 * A server without ticket printing (404) gets a plain message instead of an error page.
 */
import { authHeaders, client } from '../../lib/client';
import type { Notice } from './sale-screen';

export function ticketsUrl(bookingId: number): string {
  return `/api/v1/bookings/${bookingId}/tickets.pdf`;
}

export async function printTickets(bookingId: number): Promise<Notice | null> {
  // On the desktop with a ticket printer set up, tickets print silently; otherwise the PDF route below.
  const bridge = window.marquee;
  if (bridge?.printTickets) {
    const printed = await bridge.printTickets(bookingId, client.getToken()).catch(() => null);
    if (printed?.ok) {
      return { tone: 'success', text: printed.printCount > 1 ? 'Reprint sent to the printer.' : 'Tickets printed.' };
    }
    if (printed && printed.reason === 'refused') return { tone: 'error', text: printed.message };
  }
  const target = window.open('', '_blank');
  try {
    // The counter's session: its cookie (named by the header) in a browser, the held token otherwise.
    const response = await fetch(ticketsUrl(bookingId), {
      credentials: 'same-origin',
      headers: authHeaders(client.credentials()),
    });
    if (response.status === 404 || response.status === 405) {
      target?.close();
      return {
        tone: 'info',
        text: 'Ticket printing is not available on this till yet. Give the customer the booking reference: it works at the door.',
      };
    }
    if (!response.ok) {
      target?.close();
      return {
        tone: 'error',
        text: `The tickets could not be made (the server answered ${response.status}). Try again.`,
      };
    }
    const url = URL.createObjectURL(await response.blob());
    if (target) target.location.href = url;
    else window.open(url, '_blank');
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { tone: 'success', text: 'Tickets sent to the print window.' };
  } catch {
    target?.close();
    return {
      tone: 'error',
      text: 'Cannot reach the box-office server to print. Check the network, then press P again.',
    };
  }
}
