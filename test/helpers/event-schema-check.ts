/**
 * Set up for the unit and integration tests: every event a test stores in SQLite (a
 * session created, a command's or a presence hook's event) is checked against its
 * type's event schema, so the schemas an import checks against describe every event
 * the code writes. A test file fails at its end if one of its events did not match.
 */
import { afterAll, expect } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { eventProblem } from '../../server/import-checks.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const unlike: string[] = [];
let synthetic = false;
/** For a test file that stores made-up events to test the store itself, not events the code writes. */
export function storesMadeUpEvents() {
  synthetic = true;
}

const check = (event: SessionEvent) => {
  if (synthetic) return;
  const field = eventProblem(event);
  if (field) unlike.push(`${event.type} (seq ${event.seq}): ${field} in ${JSON.stringify(event.payload).slice(0, 300)}`);
};

const { appendEvents, createSession } = SqliteStore.prototype;
SqliteStore.prototype.appendEvents = function (this: SqliteStore, sessionId, afterSeq, decide) {
  return appendEvents.call(this, sessionId, afterSeq, (missed) => {
    const batch = decide(missed);
    for (const { event } of batch) check(event);
    return batch;
  });
};
SqliteStore.prototype.createSession = function (this: SqliteStore, session, created) {
  check(created);
  return createSession.call(this, session, created);
};

afterAll(() => {
  expect(unlike, 'events stored by this file that their event schema refuses').toEqual([]);
});
