// A server component: the page is prerendered at build time (`output: 'export'`), the client
// component <Chat> included, so `ai-chat-element/react` is imported and rendered in Node too.
import { Chat } from './chat';

export default function Page() {
  return (
    <main>
      <h1>&lt;ai-chat&gt; in Next.js</h1>
      <Chat />
    </main>
  );
}
