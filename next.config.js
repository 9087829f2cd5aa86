/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers stay real Node modules: bundling PGlite breaks its wasm loading
  // (or copies the wasm into public assets), and postgres.js expects Node's net/tls.
  // The face models run in Node on tfjs's WASM backend, loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pdf-lib', '@pdf-lib/fontkit', 'chinese-days', '@vladmandic/human', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-converter'],
  poweredByHeader: false,
  // No gzip in the Node process: it cost 3-5 ms of the one main thread per page (docs/benchmarks.md).
  // In production the reverse proxy in front compresses (nginx/Caddy, docs/deployment.md › Compression).
  // `npm start` on the embedded default serves uncompressed on localhost, which is what a laptop needs;
  // APP_COMPRESS=true turns Node's gzip back on for a deployment with no proxy in front.
  compress: process.env.APP_COMPRESS === 'true',
  // Headers for every response, static files included. The Content-Security-Policy (a per-request
  // nonce) and HSTS (https only) are set in proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
        ],
      },
      {
        // Uploaded documents open in the case page's viewer (an iframe of this site); a later rule
        // for the same header wins. Keep in step with SAME_ORIGIN_FRAMEABLE_PREFIXES (lib/security/request-policy.ts).
        source: '/api/documents/:path*',
        headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    // proxy.ts runs on every request; past this size it would cut the body short before a route handler
    // sees it. A 10 MB document plus its multipart envelope must reach /api/drafts/…/documents whole.
    proxyClientMaxBodySize: '12mb',
  },
};

module.exports = nextConfig;
