import type { NextConfig } from 'next';

const config: NextConfig = {
  // The sdk ships TypeScript sources (ESM with `.js` import suffixes), which webpack maps back
  // to `.ts` with extensionAlias; Turbopack has no such option yet, so builds use webpack.
  transpilePackages: ['@figurl/sdk'],
  webpack(webpackConfig) {
    webpackConfig.resolve ??= {};
    webpackConfig.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return webpackConfig;
  },
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks the app with the rest of the repository.
  typescript: { ignoreBuildErrors: true },
};

export default config;
