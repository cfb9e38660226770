// Defines <ai-chat> in the browser, before the app hydrates (the documented Nuxt pattern).
import 'ai-chat-element';

export default defineNuxtPlugin(() => {});
