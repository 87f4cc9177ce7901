/**
 * Commands not yet acknowledged, kept on the device so that a reload or a dead
 * phone battery in the middle of poor Wi-Fi does not lose a contribution.
 * Resent with the same id: the server applies an id once.
 */
import type { Command } from '../../core/protocol.js';

export interface StoredCommand {
  command: Command;
  at: number;
}

export function loadOutbox(key: string | undefined): StoredCommand[] {
  if (!key) return [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((item): item is StoredCommand => typeof item?.command?.id === 'string' && typeof item.command.type === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(key: string | undefined, pending: StoredCommand[]): void {
  if (!key) return;
  try {
    if (pending.length) localStorage.setItem(key, JSON.stringify(pending));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the commands still live in memory until acknowledged.
  }
}
