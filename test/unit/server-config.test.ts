/**
 * The server's settings come from one place (server/config.ts), and a route's
 * request parts take their types from its schema: both kept by lint rules
 * (eslint.config.js), checked here on samples so that a rule that stops
 * matching fails a test rather than passing in silence.
 */
import { ESLint } from 'eslint';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config.js';
import type { TypedApp } from '../../server/context.js';

const eslint = new ESLint();
const rulesBroken = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

describe('environment variables', () => {
  it('reads the log settings with the others, with a plain error for a wrong level', () => {
    expect(configFromEnv({})).toMatchObject({ logLevel: 'info', logRequests: false });
    expect(configFromEnv({ LOG_LEVEL: 'warn', LOG_REQUESTS: 'true' })).toMatchObject({ logLevel: 'warn', logRequests: true });
    expect(configFromEnv({ LOG_LEVEL: ' Debug ' }).logLevel).toBe('debug');
    expect(() => configFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"$/);
  });

  it('are read in server/config.ts only', async () => {
    expect(await rulesBroken('export const level = process.env.LOG_LEVEL;\n', 'server/app.ts')).toEqual(['no-restricted-properties']);
    expect(await rulesBroken('const { env } = process;\nexport const level = env.LOG_LEVEL;\n', 'server/realtime/x.ts')).toEqual(['no-restricted-properties']);
    expect(await rulesBroken('export const level = process.env.LOG_LEVEL;\n', 'server/config.ts')).toEqual([]);
  });
});

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
