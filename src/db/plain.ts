import neo4j from 'neo4j-driver';

/**
 * Turns driver values (Integers, temporals, nodes, lists, maps) into plain JS values. Lists
 * and maps the driver decoded are fresh objects of ours: they are converted in place, so
 * large results are not copied once more.
 */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  // Strings, numbers, booleans and null are most of every result: no checks for them.
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
    if (isTemporal(value)) return String(value);
    const entity = value as { properties?: unknown; labels?: unknown; type?: unknown };
    if (entity.properties && (entity.labels || entity.type)) return toPlain(entity.properties);
  }
  const map = value as Record<string, unknown>;
  for (const key in map) map[key] = toPlain(map[key]);
  return map;
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDate(value as never) ||
    neo4j.isDateTime(value as never) ||
    neo4j.isLocalDateTime(value as never) ||
    neo4j.isTime(value as never) ||
    neo4j.isLocalTime(value as never) ||
    neo4j.isDuration(value as never)
  );
}
