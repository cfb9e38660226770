// `cem analyze` (npm run analyze): custom-elements.json from the JSDoc of src/, Lit-aware. It
// leaves package.json alone: its `customElements` field is written by hand.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  packagejson: false,
};
