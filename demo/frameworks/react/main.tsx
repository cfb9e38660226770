// <ai-chat> in React 19: custom elements are first-class, so `tokenProvider` (an element
// property) is set as a property and `onai-chat-status` becomes an `ai-chat-status` listener.
import 'ai-chat-element'; // defines <ai-chat>
import type {} from 'ai-chat-element/react'; // JSX types for <ai-chat>
import type { AiChatStatusEvent, Status } from 'ai-chat-element';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { endpoint, tokenProviderFor } from '../shared.js';

// Stable across renders: a new provider would count as a new credential.
const tokenProvider = tokenProviderFor('react');

function App() {
  const [status, setStatus] = useState<Status | 'unknown'>('unknown');
  const [replies, setReplies] = useState(0);
  return (
    <main>
      <h1>&lt;ai-chat&gt; in React 19</h1>
      <p>
        Status from <code>ai-chat-status</code>: <output data-testid="status">{status}</output>, replies:{' '}
        <output data-testid="replies">{replies}</output>
      </p>
      <ai-chat
        endpoint={endpoint}
        feature="faq"
        heading="React demo"
        tokenProvider={tokenProvider}
        onai-chat-status={(event: AiChatStatusEvent) => setStatus(event.detail.status)}
        onai-chat-message={(event) => {
          const { role, state } = event.detail.message;
          if (role === 'assistant' && state === 'complete') setReplies((n) => n + 1);
        }}
      ></ai-chat>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
