// <ai-chat> in a React app (the same source builds against React 18 and React 19) through the
// package's React component, `ai-chat-element/react`. With `?bare` (React 19 only) it renders a
// bare <ai-chat> instead: React 19 sets its properties and `onai-chat-*` listeners itself.
import { StrictMode, useEffect, useState, version } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { AiChat } from 'ai-chat-element/react';
import type { AiChatMessageEvent, AiChatStatusEvent, Status } from 'ai-chat-element';
import { endpoint, inline, tokenFor } from './app';

const major = version.split('.')[0];
const name = `react-${major}`;
const bare = new URLSearchParams(location.search).has('bare');

// Stable across renders: a module-level function (the documented way).
const tokenProvider = async () => tokenFor(name);

function App() {
  const [status, setStatus] = useState<Status | 'unknown'>('unknown');
  const [replies, setReplies] = useState(0);
  const [renders, setRenders] = useState(0);

  useEffect(() => {
    window.rerender = async (times) => {
      for (let i = 0; i < times; i++) flushSync(() => setRenders((n) => n + 1));
      return times;
    };
  }, []);

  const onStatus = (event: AiChatStatusEvent) => setStatus(event.detail.status);
  const onMessage = (event: AiChatMessageEvent) => {
    const { role, state } = event.detail.message;
    if (role === 'assistant' && state === 'complete') setReplies((n) => n + 1);
  };
  // `?inline`: a new arrow on every render, as apps often write it.
  const provider = inline ? async () => tokenFor(name) : tokenProvider;
  const heading = `React ${major} app`;

  return (
    <main>
      <h1>&lt;ai-chat&gt; in React {major}</h1>
      <p>
        status: <output data-testid="status">{status}</output>, replies:{' '}
        <output data-testid="replies">{replies}</output>, renders:{' '}
        <output data-testid="renders">{renders}</output>
      </p>
      {bare ? (
        <ai-chat
          endpoint={endpoint}
          feature="faq"
          heading={heading}
          tokenProvider={provider}
          onai-chat-status={onStatus}
          onai-chat-message={onMessage}
        ></ai-chat>
      ) : (
        <AiChat
          endpoint={endpoint}
          feature="faq"
          heading={heading}
          tokenProvider={provider}
          onStatus={onStatus}
          onMessage={onMessage}
        />
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
