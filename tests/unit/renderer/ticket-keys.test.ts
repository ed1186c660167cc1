import { describe, expect, it } from 'vitest';
import { ticketKeys } from '../../../src/renderer/modes/counter/ticket-keys';

describe('ticket type quick keys', () => {
  it('uses the first free letter of each name', () => {
    const keys = ticketKeys([
      { code: 'adult', name: 'Adult' },
      { code: 'child', name: 'Child' },
      { code: 'senior', name: 'Senior' },
      { code: 'student', name: 'Student' },
    ]);
    expect(keys.map((key) => key.key)).toEqual(['A', 'C', 'S', 'T']);
  });

  it('never takes a letter the sale uses for something else', () => {
    const keys = ticketKeys([
      { code: 'bargain', name: 'Bargain' },
      { code: 'loyalty', name: 'Loyalty' },
    ]);
    expect(keys.map((key) => key.key)).toEqual(['A', 'O']);
  });
});
