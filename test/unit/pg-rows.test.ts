/** The group commit's INSERT with its values written in: only strings, finite numbers and null, each as PostgreSQL reads it. */
import { describe, expect, it } from 'vitest';
import { literalRows } from '../../server/store/pg-rows.js';

const escape = (text: string) => `'${text.replace(/'/g, "''")}'`;

describe('literalRows', () => {
  it('writes each row as a tuple of escaped strings, numbers and NULL, in order', () => {
    expect(literalRows('INSERT INTO t (a, b, c)', [['x', 1, null], ["it's", 1_700_000_000_000, 'y']], escape)).toBe(
      "INSERT INTO t (a, b, c) VALUES ('x', 1, NULL), ('it''s', 1700000000000, 'y')",
    );
  });

  it('refuses what is not a string, a finite number or null, rather than write it', () => {
    for (const bad of [Number.NaN, Infinity, undefined, {}, ['a'], true, 10n, Buffer.from('x')])
      expect(() => literalRows('INSERT INTO t (a)', [[bad]], escape)).toThrow(TypeError);
  });
});
