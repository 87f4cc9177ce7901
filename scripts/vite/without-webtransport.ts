import type { Plugin } from 'vite';

/**
 * engine.io-client always bundles its WebTransport transport (0.5 KB gzip); the
 * server offers only WebSocket and long-polling. If a release changes this file,
 * nothing is replaced and the build is merely larger.
 */
export const withoutWebTransport: Plugin = {
  name: 'oogst-without-webtransport',
  apply: 'build',
  transform(code, id) {
    if (!/engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
    const slim = code.replace(/^import \{ WT \} from "\.\/webtransport\.js";\n/m, '').replace(/^\s*webtransport: WT,\n/m, '');
    return slim.includes('WT') ? null : { code: slim, map: null };
  },
};
