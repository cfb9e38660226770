import { expect } from '@open-wc/testing';
import {
  conversationKey,
  loadMessages,
  restoreTranscript,
  saveMessages,
  sessionKey,
  writeItem,
  type ChatMessage,
  type StorageLike,
} from '../src/transcript/index.js';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const message = (
  id: string,
  state: ChatMessage['state'],
  role: ChatMessage['role'] = 'assistant',
): ChatMessage => ({
  id,
  role,
  content: `text ${id}`,
  state,
  time: '2026-11-21T10:00:00.000Z',
});

describe('persistence', () => {
  it('keys by endpoint, feature and session, never with the endpoint query (where a token may be)', () => {
    const key = conversationKey('wss://x.example/ai/{feature}/ws?token=SECRET', 'faq', 's1');
    expect(key).to.equal('ai-chat:v1:conversation:wss://x.example/ai/{feature}/ws|faq|s1');
    expect(sessionKey('wss://x.example/ws#frag?token=SECRET', 'chat')).to.not.contain('SECRET');
    expect(conversationKey('e', 'a', 's1')).to.not.equal(conversationKey('e', 'b', 's1'));
  });

  it('saves and loads messages, and removes the entry when there is nothing to keep', () => {
    const storage = new MemoryStorage();
    const messages = [message('u1', 'sent', 'user'), message('a1', 'complete')];
    saveMessages(storage, 'k', messages);
    expect(loadMessages(storage, 'k')).to.deep.equal(messages);
    saveMessages(storage, 'k', []);
    expect(storage.items.has('k')).to.equal(false);
  });

  it('drops corrupted or foreign entries instead of failing', () => {
    const storage = new MemoryStorage();
    storage.setItem('bad-json', '{"oops"');
    storage.setItem('not-array', '{"a":1}');
    storage.setItem(
      'mixed',
      JSON.stringify([
        message('ok', 'complete'),
        { id: 1 },
        null,
        { ...message('x', 'complete'), role: 'admin' },
      ]),
    );
    expect(loadMessages(storage, 'bad-json')).to.deep.equal([]);
    expect(loadMessages(storage, 'not-array')).to.deep.equal([]);
    expect(loadMessages(storage, 'mixed').map((m) => m.id)).to.deep.equal(['ok']);
    expect(loadMessages(storage, 'missing')).to.deep.equal([]);
  });

  it('keeps a reply’s tools, reasoning, sources and figures, and drops a message whose extras are forged', () => {
    const storage = new MemoryStorage();
    const rich: ChatMessage = {
      ...message('a1', 'complete'),
      meta: { usage: { totalTokens: 5 } },
      activity: [{ id: 't1', name: 'find_doctors', state: 'done', detail: '{}' }],
      reasoning: [{ id: 'r', text: 'thinking' }],
      sources: [{ url: 'https://example.org/guide', title: 'Guide' }],
    };
    saveMessages(storage, 'k', [rich]);
    expect(loadMessages(storage, 'k')).to.deep.equal([rich]);
    storage.setItem(
      'forged',
      JSON.stringify([
        { ...rich, id: 'js', sources: [{ url: 'javascript:alert(1)' }] },
        { ...rich, id: 'state', activity: [{ id: 't', name: 'x', state: 'exploded' }] },
        { ...rich, id: 'meta', meta: 'not an object' },
        { ...rich, id: 'ok' },
      ]),
    );
    expect(loadMessages(storage, 'forged').map((m) => m.id)).to.deep.equal(['ok']);
  });

  it('never throws when storage does (quota, blocked storage)', () => {
    const hostile: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => saveMessages(hostile, 'k', [message('a', 'complete')])).to.not.throw();
    expect(() => writeItem(hostile, 'k', undefined)).to.not.throw();
    expect(loadMessages(hostile, 'k')).to.deep.equal([]);
  });

  it('restores a reply that was streaming as interrupted, and keeps pending messages pending', () => {
    const conv = restoreTranscript([message('u', 'pending', 'user'), message('a', 'streaming')]);
    expect(conv.messages.map((m) => m.state)).to.deep.equal(['pending', 'interrupted']);
    expect(conv.openReplyId).to.equal(undefined);
  });
});
