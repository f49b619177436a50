/** A value as the in-memory sheets store it: host-realm Dates, "" for blank. */
export type StoredValue = string | number | boolean | Date;

/**
 * Turns a value handed in by the add-on (Dates from the vm realm included) into a stored one. Class Range,
 * setValue(value): a number, string, boolean or date; anything else (an object, an array in one cell) is
 * refused with Apps Script's method-signature message (the docs list only these types: the stricter reading).
 */
export function toStored(value: unknown): StoredValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  throw new Error(`Exception: The parameters (${Object.prototype.toString.call(value)}) don't match the method signature`);
}
