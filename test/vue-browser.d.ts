// Vue's self-contained browser build has the same API as the package entry.
declare module 'vue/dist/vue.esm-browser.prod.js' {
  export * from 'vue';
}
