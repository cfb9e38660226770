// <ai-chat> in a Vue 3 app: vite.config.ts tells the template compiler that <ai-chat> is a custom
// element (`isCustomElement` from `ai-chat-element/vue`); importing `ai-chat-element` defines it.
import 'ai-chat-element';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
