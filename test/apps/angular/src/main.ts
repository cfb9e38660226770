// <ai-chat> in Angular 21: a standalone component with CUSTOM_ELEMENTS_SCHEMA, bootstrapped without
// zone.js. Built by Vite without the Angular CLI, so the template is compiled in the browser (JIT,
// hence @angular/compiler first). `[tokenProvider]` sets the element's property and
// `(ai-chat-status)` listens to its event.
import '@angular/compiler';
import 'ai-chat-element'; // defines <ai-chat>
import type { AiChatMessageEvent, AiChatStatusEvent, Status } from 'ai-chat-element';
import {
  ApplicationRef,
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  inject,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { endpoint, inline, tokenFor } from './app';

const token = tokenFor('angular');

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>&lt;ai-chat&gt; in Angular</h1>
      <p>
        status: <output data-testid="status">{{ status() }}</output>, replies:
        <output data-testid="replies">{{ replies() }}</output>, renders:
        <output data-testid="renders">{{ renders() }}</output>
      </p>
      <ai-chat
        [endpoint]="endpoint"
        feature="faq"
        heading="Angular app"
        [tokenProvider]="inline ? providerFor(renders()) : tokenProvider"
        (ai-chat-status)="onStatus($event)"
        (ai-chat-message)="onMessage($event)"
      ></ai-chat>
    </main>
  `,
})
class AppComponent {
  readonly endpoint = endpoint;
  readonly inline = inline;
  /** Stable (the documented way). */
  readonly tokenProvider = async () => token;
  readonly status = signal<Status | 'unknown'>('unknown');
  readonly replies = signal(0);
  readonly renders = signal(0);

  constructor() {
    const app = inject(ApplicationRef);
    window.rerender = async (times) => {
      for (let i = 0; i < times; i++) {
        this.renders.update((n) => n + 1);
        app.tick();
        // One render per task, as a busy app's renders come: Angular refuses endless change
        // notifications within one turn of the event loop (NG0103), whatever the element does.
        await new Promise((resolve) => setTimeout(resolve));
      }
      return times;
    };
  }

  private last?: { render: number; provider: () => Promise<string> };

  /** `?inline`: a new provider for every render (the same one while a render is checked again). */
  providerFor(render: number): () => Promise<string> {
    if (this.last?.render !== render) this.last = { render, provider: async () => token };
    return this.last.provider;
  }

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
