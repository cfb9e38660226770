'use client';
// <ai-chat> in a Next.js App Router client component, through `ai-chat-element/react`. No dynamic
// import is needed: the package loads on the server without touching the DOM, and the wrapper sets
// the element's properties and listeners in the browser after hydration.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { AiChat } from 'ai-chat-element/react';
import type { AiChatMessageEvent, AiChatStatusEvent, Status } from 'ai-chat-element';
import { endpoint, inline, tokenFor } from './app';

// Stable across renders (the documented way); `?inline` passes a new arrow on every render instead.
const tokenProvider = async () => tokenFor('next');

export function Chat() {
  const [status, setStatus] = useState<Status | 'unknown'>('unknown');
  const [replies, setReplies] = useState(0);
  const [renders, setRenders] = useState(0);
  // The query is only known in the browser (the page is static): connect once it is read.
  const [url, setUrl] = useState<string>();

  useEffect(() => {
    setUrl(endpoint);
    window.rerender = async (times) => {
      for (let i = 0; i < times; i++) flushSync(() => setRenders((n) => n + 1));
      return times;
    };
  }, []);

  return (
    <>
      <p>
        status: <output data-testid="status">{status}</output>, replies:{' '}
        <output data-testid="replies">{replies}</output>, renders:{' '}
        <output data-testid="renders">{renders}</output>
      </p>
      <AiChat
        endpoint={url}
        feature="faq"
        heading="Next.js app"
        tokenProvider={inline ? async () => tokenFor('next') : tokenProvider}
        onStatus={(event: AiChatStatusEvent) => setStatus(event.detail.status)}
        onMessage={(event: AiChatMessageEvent) => {
          const { role, state } = event.detail.message;
          if (role === 'assistant' && state === 'complete') setReplies((n) => n + 1);
        }}
      />
    </>
  );
}
