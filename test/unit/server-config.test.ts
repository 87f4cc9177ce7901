/**
 * A route's request parts take their types from its schema, kept so by a lint
 * rule (eslint.config.js), checked here on samples so that a rule that stops
 * matching fails a test rather than passing in silence.
 */
import { ESLint } from 'eslint';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import type { TypedApp } from '../../server/context.js';

const eslint = new ESLint();
const rulesBroken = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

describe('request parts', () => {
  it('take their types from the route schema (checked by npm run typecheck)', () => {
    const routes = (app: TypedApp) =>
      app.post(
        '/api/things/:thingId',
        { schema: { params: Type.Object({ thingId: Type.String() }), body: Type.Object({ title: Type.String(), count: Type.Optional(Type.Integer()) }) } },
        async (request) => {
          const { thingId } = request.params;
          const { title, count = 0 } = request.body;
          // @ts-expect-error a field the schema does not have
          void request.body.titel;
          // @ts-expect-error a parameter the route does not have
          void request.params.arenaId;
          return { thingId: thingId.toUpperCase(), title: title.trim(), count: count + 1 };
        },
      );
    expect(routes).toBeTypeOf('function');
  });

  it('are never cast in the server: their types follow from the route schema', async () => {
    const cast = [
      'declare const request: { body: unknown; params: unknown; query: unknown; headers: unknown };',
      'export const a = request.params as { id: string };',
      'export const b = (request.body as { yaml: string }).yaml;',
      'export const c = request.query as unknown;',
      '',
    ].join('\n');
    expect(await rulesBroken(cast, 'server/routes/x.ts')).toEqual(['no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax']);
    const typed = 'declare const request: { params: { id: string } };\nexport const { id } = request.params;\n';
    expect(await rulesBroken(typed, 'server/routes/x.ts')).toEqual([]);
  });
});
