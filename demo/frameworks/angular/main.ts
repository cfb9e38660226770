// <ai-chat> in Angular: a standalone component with CUSTOM_ELEMENTS_SCHEMA, bootstrapped without
// zone.js. Built by Vite without the Angular CLI, so the template is compiled in the browser (JIT,
// hence @angular/compiler first). `[tokenProvider]` sets the element's property and
// `(ai-chat-status)` listens to its event.
import '@angular/compiler';
import 'ai-chat-element'; // defines <ai-chat>
import type { AiChatMessageEvent, AiChatStatusEvent, Status } from 'ai-chat-element';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { endpoint, tokenProviderFor } from '../shared.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>&lt;ai-chat&gt; in Angular</h1>
      <p>
        Status from <code>ai-chat-status</code>: <output data-testid="status">{{ status() }}</output>,
        replies: <output data-testid="replies">{{ replies() }}</output>
      </p>
      <ai-chat
        [endpoint]="endpoint"
        feature="faq"
        heading="Angular demo"
        [tokenProvider]="tokenProvider"
        (ai-chat-status)="onStatus($event)"
        (ai-chat-message)="onMessage($event)"
      ></ai-chat>
    </main>
  `,
})
class AppComponent {
  readonly endpoint = endpoint;
  readonly tokenProvider = tokenProviderFor('angular');
  readonly status = signal<Status | 'unknown'>('unknown');
  readonly replies = signal(0);

  onStatus(event: Event): void {
    this.status.set((event as AiChatStatusEvent).detail.status);
  }

  onMessage(event: Event): void {
    const { role, state } = (event as AiChatMessageEvent).detail.message;
    if (role === 'assistant' && state === 'complete') this.replies.update((n) => n + 1);
  }
}

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch(
  (error: unknown) => console.error(error),
);
