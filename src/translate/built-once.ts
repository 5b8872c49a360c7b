/**
 * `build`, run once per key object and remembered as long as the key lives. The queries built
 * from a selection are kept with it: selectionOf (src/graphql/selection.ts) hands every request
 * of the same query text the same selection object.
 */
export function builtOnce<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const built = new WeakMap<K, V>();
  return (key) => {
    let value = built.get(key);
    if (value === undefined) built.set(key, (value = build(key)));
    return value;
  };
}
