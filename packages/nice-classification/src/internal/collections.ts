/** The value of `key` in `map`, inserting `make()` first when absent. */
export const getOrInsert = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  const found = map.get(key);
  if (found !== undefined) return found;
  const value = make();
  map.set(key, value);
  return value;
};

/** The value of `key` in a record, inserting `make()` first when absent. */
export const getOrAdd = <V>(record: Record<string, V>, key: string, make: () => V): V => {
  const found = record[key];
  if (found !== undefined) return found;
  const value = make();
  record[key] = value;
  return value;
};
