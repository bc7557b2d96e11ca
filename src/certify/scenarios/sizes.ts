/** `base` scaled by the run's size, at least `min`. */
export function scaled(size: number, base: number, min = 1): number {
  return Math.max(min, Math.round(base * size));
}
