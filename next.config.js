/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers stay real Node modules: bundling PGlite breaks its wasm loading
  // (or copies the wasm into public assets), and postgres.js expects Node's net/tls.
  // The face models run in Node on tfjs's WASM backend, loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pdf-lib', '@pdf-lib/fontkit', 'chinese-days', '@vladmandic/human', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-converter'],
  poweredByHeader: false,
  // Baseline headers for every response; a full Content-Security-Policy comes with the hardening work.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
  },
};

module.exports = nextConfig;
