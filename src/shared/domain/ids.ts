/** Row ids are positive integers; seat labels are "row + number" such as "F7". */
export type Id = number;

export function seatLabel(row: string, number: number): string {
  return `${row}${number}`;
}
