// For plain `tsc`: a .vue file is a component (vue-tsc checks the file itself).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
