// Replies over HTTP on fakes: hybrid's reply stream beside its socket, and a tiny HTTP dialect
// (one POST per turn, the whole history in it) written against the public dialect API. Defect 6
// of issue 9 and rule 5 of the delivery rules.
import { expect } from '@open-wc/testing';
import type { HttpDialect, ServerEvent } from '../src/protocol/types.js';
import type { FakeRequest } from './support/fake-fetch.js';
import { FakeWebSocket } from './support/fake-socket.js';
import { loadDialects, useHarnesses, type Harness } from './support/session-harness.js';

before(loadDialects);

/** A minimal HTTP dialect: `{messages}` in, `{id, delta}` / `{end}` / `{error}` / `[DONE]` out. */
const tiny: HttpDialect = {
  name: 'tiny',
  channel: 'http',
  auth: ['header'],
  replies: 'turn',
  cancel: true,
  encode: (command, ctx) =>
    command.type === 'send'
      ? {
          body: JSON.stringify({
            messages: ctx.history.map(({ id, role, content }) => ({ id, role, content })),
          }),
        }
      : undefined,
  decode: ({ data }): ServerEvent[] => {
    if (data === '[DONE]') return [{ type: 'done' }];
    const value = JSON.parse(data) as Record<string, string>;
    if (value.error) return [{ type: 'error', message: value.error }];
    if (value.end) return [{ type: 'reply-end', id: value.end }];
    return [{ type: 'reply-delta', id: value.id, delta: value.delta! }];
  },
};

const STREAM = 'https://clinic.test/stream';
const userStates = (h: Harness) => h.session.messages.filter((m) => m.role === 'user').map((m) => m.state);
const replies = (h: Harness) =>
  h.session.messages.filter((m) => m.role === 'assistant').map((m) => `${m.state}:${m.content}`);

describe('ChatSession over HTTP', () => {
  const make = useHarnesses();

  describe('hybrid: replies stream over SSE beside the socket', () => {
    const hybrid = async () => {
      const h = make({ dialect: 'hybrid', streamUrl: STREAM, userId: '42' });
      h.configure();
      await h.open();
      return h;
    };
    /** The request for the newest message, once made. */
    const nextRequest = async (h: Harness, count: number): Promise<FakeRequest> => {
      for (let i = 0; i < 20 && h.http.requests.length < count; i++) await h.settle(1);
      expect(h.http.requests).to.have.length(count);
      return h.http.last;
    };

    it('is sent on a 2xx, streams, completes on [DONE] and tells the socket the whole reply', async () => {
      const h = await hybrid();
      h.session.send('hello');
      const request = await nextRequest(h, 1);
      expect(request.headers.get('authorization')).to.equal('Bearer t');
      expect(request.query.get('message')).to.equal('hello');
      expect(userStates(h)).to.deep.equal(['pending']);
      request.respond(200);
      await h.settle();
      expect(userStates(h)).to.deep.equal(['sent']);
      request.event('Hi');
      request.event('{"content":" there"}');
      request.event('[DONE]');
      await h.settle();
      expect(replies(h)).to.deep.equal(['complete:Hi there']);
      const socketFrames = FakeWebSocket.last.sentJson.map((f) => f.type);
      expect(socketFrames).to.deep.equal(['message', 'bot_response_complete']);
    });

    it('keeps a message in the outbox while requests fail, and retries with the same id (defect 6)', async () => {
      const h = await hybrid();
      h.session.send('are you there?');
      const first = await nextRequest(h, 1);
      const id = first.query.get('message_id');
      first.fail();
      await h.settle();
      expect(userStates(h)).to.deep.equal(['pending']);
      expect(h.session.messages.some((m) => m.state === 'failed')).to.equal(false);
      await h.advance(600); // full jitter of 1 s with random 0.5
      const second = await nextRequest(h, 2);
      expect(second.query.get('message_id')).to.equal(id);
      second.respond(503);
      await h.settle();
      await h.advance(1100);
      const third = await nextRequest(h, 3);
      third.respond(200);
      third.event('[DONE]');
      await h.settle();
      expect(userStates(h)).to.deep.equal(['sent']);
    });

    it('gives up on a request with no response within 15 s and makes it again (defect 6)', async () => {
      const h = await hybrid();
      h.session.send('slow?');
      await nextRequest(h, 1);
      await h.advance(14_900, 1000);
      expect(h.http.requests).to.have.length(1);
      await h.advance(800);
      await nextRequest(h, 2);
      expect(h.http.requests[0]!.aborted).to.equal(true);
    });

    it('ends a reply whose stream goes quiet interrupted (idle timeout, defect 6)', async () => {
      const h = await hybrid();
      h.session.send('hm');
      const request = await nextRequest(h, 1);
      request.respond(200);
      request.event('Thinking');
      await h.settle();
      await h.advance(60_000, 1000);
      expect(replies(h)).to.deep.equal(['interrupted:Thinking']);
    });

    it('a stream that ends without [DONE] is interrupted, not complete (defect 6)', async () => {
      const h = await hybrid();
      h.session.send('hm');
      const request = await nextRequest(h, 1);
      request.respond(200);
      request.event('Half a');
      request.end();
      await h.settle();
      expect(replies(h)).to.deep.equal(['interrupted:Half a']);
    });

    it('an in-band error fails the reply; a named event adds nothing to it (defect 6)', async () => {
      const h = await hybrid();
      h.session.send('hm');
      const request = await nextRequest(h, 1);
      request.respond(200);
      request.event('Partial');
      request.event('{}', 'ping');
      request.event('{"error": "model overloaded"}');
      await h.settle();
      expect(replies(h)).to.deep.equal(['failed:Partial']);
      expect(h.session.messages.at(-1)).to.include({ role: 'system', content: 'model overloaded' });
    });

    it('replies are isolated: one breaking never ends another (defect 3, hybrid)', async () => {
      const h = await hybrid();
      h.session.send('first');
      const a = await nextRequest(h, 1);
      a.respond(200);
      a.event('one');
      await h.settle();
      h.session.send('second');
      const b = await nextRequest(h, 2);
      b.respond(200);
      b.event('two');
      await h.settle();
      a.cut();
      await h.settle();
      b.event(' and more');
      b.event('[DONE]');
      await h.settle();
      expect(replies(h)).to.deep.equal(['interrupted:one', 'complete:two and more']);
    });

    it('an HTTP error status after the server got the message fails the reply with the reason shown', async () => {
      const h = await hybrid();
      h.session.send('/http-error');
      const request = await nextRequest(h, 1);
      request.respond(500);
      await h.settle();
      expect(userStates(h)).to.deep.equal(['sent']);
      expect(h.errors.map((e) => e.message)).to.include('The reply stream failed (HTTP 500).');
      expect(h.session.messages.at(-1)!.role).to.equal('system');
    });
  });

  describe('an HTTP dialect (one POST per turn)', () => {
    const http = () => {
      const h = make({ dialect: tiny, endpoint: 'https://clinic.test/chat/{session}' });
      h.configure();
      return h;
    };
    const requestCount = async (h: Harness, count: number) => {
      for (let i = 0; i < 20 && h.http.requests.length < count; i++) await h.settle(1);
      expect(h.http.requests).to.have.length(count);
      return h.http.last;
    };

    it('is connected without a socket, posts the whole history, one turn at a time', async () => {
      const h = http();
      expect(h.session.status).to.equal('connected');
      expect(FakeWebSocket.instances).to.have.length(0);
      h.session.send('one');
      h.session.send('two');
      const first = await requestCount(h, 1);
      expect(first.method).to.equal('POST');
      expect(first.url).to.equal(`https://clinic.test/chat/${h.session.sessionId}`);
      expect(first.headers.get('authorization')).to.equal('Bearer t');
      expect(first.headers.get('content-type')).to.equal('application/json');
      first.respond(200);
      first.event('{"id":"r1","delta":"Re one"}');
      await h.settle();
      expect(h.http.requests).to.have.length(1); // the next turn waits for this reply
      first.event('[DONE]');
      await h.settle();
      const second = await requestCount(h, 2);
      const body = second.json as { messages: { role: string; content: string }[] };
      expect(body.messages.map((m) => `${m.role}:${m.content}`)).to.deep.equal([
        'user:one',
        'assistant:Re one',
        'user:two',
      ]);
    });

    it('status: reconnecting while a failed request waits, unauthorized on 401 until a new token', async () => {
      const h = http();
      h.session.send('hi');
      (await requestCount(h, 1)).respond(503);
      await h.settle();
      expect(h.session.status).to.equal('reconnecting');
      await h.advance(600);
      (await requestCount(h, 2)).respond(401);
      await h.settle();
      expect(h.session.status).to.equal('unauthorized');
      expect(userStates(h)).to.deep.equal(['pending']);
      await h.advance(60_000, 5000);
      expect(h.http.requests).to.have.length(2);
      h.configure({ token: 'fresh' });
      const third = await requestCount(h, 3);
      expect(third.headers.get('authorization')).to.equal('Bearer fresh');
      third.respond(200);
      await h.settle();
      expect(h.session.status).to.equal('connected');
      expect(userStates(h)).to.deep.equal(['sent']);
    });

    it('status: offline while the browser is; the outbox goes when it is back', async () => {
      const h = http();
      h.env.goOffline();
      expect(h.session.status).to.equal('offline');
      h.session.send('typed offline');
      await h.settle();
      expect(h.http.requests).to.have.length(0);
      h.env.goOnline();
      expect(h.session.status).to.equal('connected');
      (await requestCount(h, 1)).respond(200);
      await h.settle();
      expect(userStates(h)).to.deep.equal(['sent']);
    });

    it('stop() aborts the request and the reply ends stopped', async () => {
      const h = http();
      h.session.send('long story please');
      const request = await requestCount(h, 1);
      request.respond(200);
      request.event('{"id":"r1","delta":"Once upon"}');
      await h.settle();
      h.session.stop();
      expect(request.aborted).to.equal(true);
      request.event('{"id":"r1","delta":" a time"}');
      await h.settle();
      expect(replies(h)).to.deep.equal(['stopped:Once upon']);
    });
  });
});
