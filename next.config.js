/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers stay real Node modules: bundling PGlite breaks its wasm loading
  // (or copies the wasm into public assets), and postgres.js expects Node's net/tls.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pdf-lib', '@pdf-lib/fontkit', 'chinese-days'],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
  },
};

module.exports = nextConfig;
