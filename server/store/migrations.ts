/**
 * Versioned schema changes, applied in order at start, one dialect per store:
 * `sqlite` for the embedded store, `postgres` for the shared one. Both say the
 * same thing; the store contract suite runs against both. Never edit a released
 * migration: add the next number. SQLite records its progress in `user_version`,
 * PostgreSQL in the `oogst_migrations` table.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'arenas, sessions, participants and the event log',
    sqlite: `
      CREATE TABLE arenas (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        theme TEXT,
        key_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        script_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_arena ON sessions(arena_id, created_at);
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL,
        pseudonym TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (session_id, token_hash)
      );
      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        step_id TEXT,
        actor TEXT NOT NULL,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (session_id, seq),
        UNIQUE (session_id, id)
      ) WITHOUT ROWID;
    `,
    postgres: `
      CREATE TABLE arenas (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        theme TEXT,
        key_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        script_id TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_by_arena ON sessions(arena_id, created_at);
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL,
        pseudonym TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (session_id, token_hash)
      );
      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        step_id TEXT,
        actor TEXT NOT NULL,
        payload TEXT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (session_id, seq),
        UNIQUE (session_id, id)
      );
    `,
  },
  {
    version: 2,
    name: "an arena's own facilitation scripts (copied and adapted, or uploaded)",
    sqlite: `
      CREATE TABLE arena_scripts (
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        yaml TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (arena_id, id)
      );
    `,
    postgres: `
      CREATE TABLE arena_scripts (
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        yaml TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (arena_id, id)
      );
    `,
  },
  {
    version: 3,
    name: "an arena's ambition, planned sessions, and the contacts participants leave for the network",
    sqlite: `
      ALTER TABLE arenas ADD COLUMN ambition TEXT;
      ALTER TABLE sessions ADD COLUMN planned_at INTEGER;
      CREATE TABLE contacts (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        consent TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      );
    `,
    postgres: `
      ALTER TABLE arenas ADD COLUMN ambition TEXT;
      ALTER TABLE sessions ADD COLUMN planned_at BIGINT;
      CREATE TABLE contacts (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        consent TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      );
    `,
  },
  {
    version: 4,
    name: "keys for a session's live feed (hashes only)",
    sqlite: `
      CREATE TABLE feed_keys (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX feed_keys_by_session ON feed_keys(session_id, created_at);
    `,
    postgres: `
      CREATE TABLE feed_keys (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX feed_keys_by_session ON feed_keys(session_id, created_at);
    `,
  },
  {
    version: 5,
    name: "an arena's language for the screen ('nl' or 'en')",
    sqlite: `ALTER TABLE arenas ADD COLUMN locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en'));`,
    postgres: `ALTER TABLE arenas ADD COLUMN locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en'));`,
  },
  {
    version: 6,
    name: "each event's payload version (events stored before it are version 1)",
    sqlite: `ALTER TABLE events ADD COLUMN v INTEGER NOT NULL DEFAULT 1 CHECK (v >= 1);`,
    postgres: `ALTER TABLE events ADD COLUMN v INTEGER NOT NULL DEFAULT 1 CHECK (v >= 1);`,
  },
  {
    version: 7,
    name: "files a session's steps take (photos, slide images): their bytes, sniffed type and pixel size",
    sqlite: `
      CREATE TABLE session_files (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        participant_id TEXT,
        type TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, id)
      );
      CREATE INDEX session_files_by_step ON session_files(session_id, step_id, participant_id);
    `,
    postgres: `
      CREATE TABLE session_files (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        participant_id TEXT,
        type TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        data BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (session_id, id)
      );
      CREATE INDEX session_files_by_step ON session_files(session_id, step_id, participant_id);
    `,
  },
  {
    version: 8,
    name: "the arena's logbook between meetings: standing links and their entries",
    sqlite: logbookTables('INTEGER'),
    postgres: logbookTables('BIGINT'),
  },
  {
    version: 9,
    name: "an arena's way of working, kernthema, onderzoeksvraag and the facilitator's synthesis (JSON of its four parts)",
    sqlite: `
      ALTER TABLE arenas ADD COLUMN method TEXT;
      ALTER TABLE arenas ADD COLUMN core_theme TEXT;
      ALTER TABLE arenas ADD COLUMN research_question TEXT;
      ALTER TABLE arenas ADD COLUMN synthesis TEXT;
    `,
    postgres: `
      ALTER TABLE arenas ADD COLUMN method TEXT;
      ALTER TABLE arenas ADD COLUMN core_theme TEXT;
      ALTER TABLE arenas ADD COLUMN research_question TEXT;
      ALTER TABLE arenas ADD COLUMN synthesis TEXT;
    `,
  },
  {
    version: 10,
    name: "what a kind keeps for its arena (the arena's own wat-werkt checklist), as JSON",
    sqlite: `
      CREATE TABLE arena_kind_data (
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (arena_id, kind)
      );
    `,
    postgres: `
      CREATE TABLE arena_kind_data (
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (arena_id, kind)
      );
    `,
  },
];

/** Migration 8 in either dialect: the same tables, times in the store's integer type. */
function logbookTables(time: 'INTEGER' | 'BIGINT'): string {
  return `
      CREATE TABLE logbook_links (
        id TEXT PRIMARY KEY,
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        code TEXT NOT NULL UNIQUE,
        requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1)),
        created_at ${time} NOT NULL,
        revoked_at ${time}
      );
      CREATE INDEX logbook_links_by_arena ON logbook_links(arena_id, created_at);
      CREATE TABLE logbook_entries (
        id TEXT PRIMARY KEY,
        arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
        link_id TEXT NOT NULL REFERENCES logbook_links(id) ON DELETE CASCADE,
        created_at ${time} NOT NULL,
        date TEXT NOT NULL,
        what TEXT NOT NULL,
        cycle TEXT NOT NULL,
        text TEXT NOT NULL,
        name TEXT,
        about TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'visible', 'hidden')),
        highlighted INTEGER NOT NULL CHECK (highlighted IN (0, 1)),
        shared INTEGER NOT NULL CHECK (shared IN (0, 1))
      );
      CREATE INDEX logbook_entries_by_arena ON logbook_entries(arena_id, date, created_at);
    `;
}
