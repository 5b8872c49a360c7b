import neo4j from 'neo4j-driver';

/** Turns driver values (Integers, temporals, nodes, lists, maps) into plain JS values. */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  // Strings, numbers, booleans and null are most of every result: no checks for them.
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
    if (isTemporal(value)) return String(value);
    const entity = value as { properties?: unknown; labels?: unknown; type?: unknown };
    if (entity.properties && (entity.labels || entity.type)) return toPlain(entity.properties);
  }
  const plain: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) plain[key] = toPlain(inner);
  return plain;
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
