import neo4j from 'neo4j-driver';

/** Turns driver values (Integers, temporals, nodes, lists, maps) into plain JS values. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (isTemporal(value)) return String(value);
  if (typeof value === 'object') {
    const maybeEntity = value as { properties?: unknown; labels?: unknown; type?: unknown };
    if (maybeEntity.properties && (maybeEntity.labels || maybeEntity.type)) {
      return toPlain(maybeEntity.properties);
    }
    const plain: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) plain[key] = toPlain(inner);
    return plain;
  }
  return value;
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
