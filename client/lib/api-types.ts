/** The HTTP API's answers as the client reads them (see docs/PROTOCOL.md for the contract). */

export interface ArenaCreated {
  id: string;
  title: string;
  key: string;
}

export interface SessionLinks {
  id: string;
  code: string;
  consoleUrl: string;
  screenUrl: string;
  joinUrl: string;
}

export interface SessionSummary extends SessionLinks {
  title: string;
  scriptId: string;
  createdAt: number | string;
}

export interface ArenaDetails {
  id: string;
  title: string;
  theme?: string;
  createdAt: number | string;
  sessions: SessionSummary[];
}

export interface SessionInfo extends SessionLinks {
  arenaId: string;
  title: string;
}

export interface ScriptSummary {
  id: string;
  title: string;
  description?: string;
  language?: string;
  duration?: number;
  steps: { id: string; kind: string; title: string; duration?: number }[];
}

export interface Joined {
  sessionId: string;
  participantId: string;
  token: string;
  pseudonym: string;
}
