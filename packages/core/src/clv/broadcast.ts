/** Value i of a per-customer argument that may also be given as one number for everyone. */
export function at(value: number | ArrayLike<number>, i: number): number {
  return typeof value === 'number' ? value : (value[i] as number);
}

/** Checks that a per-customer argument matches the number of customers. */
export function checkLength(value: number | ArrayLike<number>, n: number, name: string): void {
  if (typeof value !== 'number' && value.length !== n) {
    throw new RangeError(`${name} has ${value.length} values for ${n} customers`);
  }
}
