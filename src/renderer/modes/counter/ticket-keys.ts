/**
 * Quick keys for ticket types, derived from the theater's own list: the first letter of the name that no
 * earlier type took (Adult A, Child C, Senior S, Student T). Digits, Escape and the sale's other letters
 * (B, N, P, L, G, R) are never used.
 */
const RESERVED = new Set(['b', 'g', 'l', 'n', 'p', 'r', 'x']);

export interface TicketKey {
  code: string;
  name: string;
  key: string;
}

export function ticketKeys(types: ReadonlyArray<{ code: string; name: string }>): TicketKey[] {
  const taken = new Set(RESERVED);
  return types.map((type) => {
    const letters = [...`${type.name}${type.code}`.toLowerCase()].filter((letter) => /[a-z]/.test(letter));
    const key = letters.find((letter) => !taken.has(letter)) ?? '';
    if (key) taken.add(key);
    return { code: type.code, name: type.name, key: key.toUpperCase() };
  });
}
