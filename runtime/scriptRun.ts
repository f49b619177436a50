// google.script.run as Apps Script carries a call between the page and the
// server ("Class google.script.run", myFunction(...) parameters and return):
// numbers, booleans, strings and null, and objects and arrays of them, are
// legal; a Date, a function or a DOM element anywhere in an argument or the
// result fails the call; undefined in an array becomes null; the server gets
// a copy. Functions whose names end in "_" are private and cannot be called.

/** The failure the page's failure handler gets, as Apps Script words it. */
export function illegalValue(path: string): Error {
  return new Error(`Failed due to illegal value in property: ${path}`);
}

/**
 * A copy of a value as it travels, or an error naming where an illegal one
 * is. An undefined argument or result becomes null (the docs say so for
 * array fields; at the top level the stricter reading); an undefined object
 * property is left out, as the docs are silent and JSON drops it.
 */
export function carried(value: unknown, path = '0', seen: Set<object> = new Set()): unknown {
  if (value === undefined || value === null) return null;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return value;
  if (type === 'number') return Number.isFinite(value) ? value : null;
  if (type === 'function' || type === 'symbol' || type === 'bigint') throw illegalValue(path);
  const object = value as object;
  const tag = Object.prototype.toString.call(object);
  if (tag === '[object Date]' || 'nodeType' in object) throw illegalValue(path);
  // Circular references fail the call too.
  if (seen.has(object)) throw illegalValue(path);
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item, i) => carried(item, String(i), seen));
    if (tag !== '[object Object]') throw illegalValue(path);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) if (item !== undefined) copy[key] = carried(item, key, seen);
    return copy;
  } finally {
    seen.delete(object);
  }
}

/** Whether a page may call a server function by this name: a top-level function whose name does not end in "_". */
export function callableName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !name.endsWith('_');
}

/**
 * The same rules as a script for the page: the sandbox's bridge checks the
 * arguments where the page calls, as Apps Script's client does, before the
 * JSON that carries them to the server could turn a Date into text.
 */
export const CLIENT_CARRIED = `function carried(value, path, seen) {
  if (value === undefined || value === null) return null;
  var type = typeof value;
  if (type === 'string' || type === 'boolean') return value;
  if (type === 'number') return isFinite(value) ? value : null;
  if (type === 'function' || type === 'symbol' || type === 'bigint') throw new Error('Failed due to illegal value in property: ' + path);
  var tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]' || (typeof Node !== 'undefined' && value instanceof Node) || seen.indexOf(value) >= 0) throw new Error('Failed due to illegal value in property: ' + path);
  seen = seen.concat([value]);
  if (Array.isArray(value)) return value.map(function (item, i) { return carried(item, String(i), seen); });
  if (tag !== '[object Object]') throw new Error('Failed due to illegal value in property: ' + path);
  var copy = {};
  Object.keys(value).forEach(function (key) { if (value[key] !== undefined) copy[key] = carried(value[key], key, seen); });
  return copy;
}`;
