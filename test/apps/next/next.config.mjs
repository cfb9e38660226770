// A static export (`next build` writes out/), served by the test suite under APP_BASE.
const base = (process.env.APP_BASE ?? '/').replace(/\/$/, '');

/** @type {import('next').NextConfig} */
export default {
  output: 'export',
  basePath: base || undefined,
  trailingSlash: true,
  images: { unoptimized: true },
};
