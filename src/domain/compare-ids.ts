/** Code-unit order of ids, the same on every database and in memory. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
