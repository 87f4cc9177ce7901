/**
 * Records keyed by ids that come from clients, scripts or an imported log (item,
 * option, question and participant ids, command types). A plain `record[id]` finds
 * Object.prototype's members ("constructor", "toString"), and `record["__proto__"] = v`
 * changes the record's prototype instead of storing v: an item "__proto__" once
 * made a dot land on Object.prototype, on the server and in the console's browser.
 *
 * Why helpers and not null-prototype objects or Maps: the state travels as JSON in
 * snapshots and is rebuilt as plain objects in the browser, where the same model code
 * runs on Svelte's proxies (which only make plain objects reactive). `getOwn` and
 * `setOwn` work on any object, whatever its prototype: every read and write of such
 * a record goes through them (`delete` is safe as it is: it only removes own keys).
 */

/** Object.hasOwn, which Safari before 15.4 lacks (the phone's floor, client/README.md). */
const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** The value stored under `key`, never one inherited from the prototype. */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  if (hasOwn(record, key)) return record[key];
  // An inherited name: a Svelte proxy keeps no signal for it, so a view reading it follows the list of keys instead, which `setOwn` changes.
  if (key in record) void Object.keys(record);
  return undefined;
}

/**
 * Stores `value` as the record's own `key` and returns what the record now holds
 * there (on a Svelte proxy: the value made reactive, ready to be changed further).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): T {
  if (key in record && !hasOwn(record, key)) {
    // An inherited name: `=` would call the __proto__ setter, and a Svelte proxy drops writes to inherited names. Deleting
    // it first is a no-op on a plain object and tells a proxy's readers the keys changed; defining it makes it own.
    delete record[key];
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  }
  record[key] = value;
  return record[key]!;
}
