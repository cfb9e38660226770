import type { ChatConfig } from '../config.js';
import type { ChatMessage, StepContext } from '../transcript/types.js';
import { resolveHttpEndpoint } from '../protocol/endpoint.js';
import type { DialectContext, HistoryEntry, SendCommand } from '../protocol/types.js';

/**
 * What a dialect sees when it encodes, decodes or builds a request. The endpoint and the history
 * are worked out only when read (a socket dialect decodes thousands of frames and reads neither);
 * the history is the conversation as it is when read (`messages()`), worked out once for each
 * state of it. A context without a command can be kept for as long as the config, the session
 * and the shared state stay the same (the session keeps one: a context made for each of
 * thousands of frames cost more than decoding them).
 */
export function dialectContext(
  config: ChatConfig,
  sessionId: string,
  messages: () => readonly ChatMessage[],
  state: unknown,
  command?: SendCommand,
): DialectContext {
  let history: HistoryEntry[] | undefined;
  let historyFor: readonly ChatMessage[] | undefined;
  let endpoint: string | undefined;
  // Built by assignment, not spreads; the getters are its own (a dialect may spread it).
  const context: DialectContext = {
    sessionId,
    feature: config.feature,
    get endpoint() {
      if (endpoint === undefined && config.endpoint && config.dialect.channel === 'http') {
        try {
          const values = { feature: config.feature, userId: config.userId, sessionId };
          endpoint = resolveHttpEndpoint(config.endpoint, values).href;
        } catch {
          endpoint = undefined;
        }
      }
      return endpoint;
    },
    get history() {
      const now = messages();
      if (!history || now !== historyFor) {
        history = historyOf(now, command);
        historyFor = now;
      }
      return history;
    },
  };
  if (config.userId !== undefined) context.userId = config.userId;
  if (config.apiKey !== undefined) context.apiKey = config.apiKey;
  if (config.model !== undefined) context.model = config.model;
  if (config.streamUrl !== undefined) context.streamUrl = config.streamUrl;
  if (state !== undefined) context.state = state;
  return context;
}

/**
 * The conversation so far as an encoder sees it: what the server has (user messages it got,
 * finished replies), oldest first, then the message being sent. User messages still waiting to
 * go (the one being sent among them) are not history yet.
 */
export function historyOf(messages: readonly ChatMessage[], command?: SendCommand): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const m of messages) {
    const had =
      m.role === 'user'
        ? m.state === 'sent'
        : m.role === 'assistant' &&
          (m.state === 'complete' || m.state === 'interrupted' || m.state === 'stopped');
    if (had && m.content && m.id !== command?.id)
      entries.push({ id: m.id, role: m.role, content: m.content, time: m.time });
  }
  if (command) entries.push({ id: command.id, role: 'user', content: command.content, time: command.time });
  return entries;
}

/**
 * A step's context. The time is read only by a step that adds a message, not by each of a
 * reply's deltas, and then once for the whole step. (A class: an object literal with a getter
 * costs more to make than a delta costs to apply.)
 */
export class StepTime implements StepContext {
  private time: string | undefined;
  constructor(
    private readonly read: () => string,
    readonly newId: () => string,
    readonly maxMessages: number,
  ) {}

  get now(): string {
    return (this.time ??= this.read());
  }
}
