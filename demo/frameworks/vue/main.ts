// <ai-chat> in Vue 3. The template compiler is told that <ai-chat> is a custom element
// (`compilerOptions.isCustomElement`, in scripts/build-demos.js). Vue sets a binding as a property
// when the element has a property of that exact name, so `:tokenProvider` (camelCase) is a
// property, and `@ai-chat-status` becomes an `ai-chat-status` listener.
import 'ai-chat-element'; // defines <ai-chat>
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
