import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, nothing, render as litRender } from 'lit';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { followBottom } from '../src/render/auto-scroll.js';
import { HeightFloor } from '../src/render/height-floor.js';
import { markdown } from '../src/render/markdown-directive.js';
import { closeBackends, startBackend } from './support/backend.js';
import { connected, q, qa, replies, until } from './support/element.js';

const frames = async (count = 2): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

describe('HeightFloor: a streaming reply never gets shorter', () => {
  let el: HTMLElement;
  let child: HTMLElement;
  const height = (): number => el.getBoundingClientRect().height;
  beforeEach(() => {
    el = document.createElement('div');
    el.style.inlineSize = '300px';
    child = document.createElement('div');
    child.style.blockSize = '100px';
    el.append(child);
    document.body.append(el);
  });
  afterEach(() => el.remove());

  it('keeps the tallest height while streaming; content grows into it', async () => {
    const floor = new HeightFloor(el);
    floor.hold();
    await frames();
    child.style.blockSize = '60px';
    await frames();
    expect(height()).to.equal(100);
    child.style.blockSize = '150px';
    await frames();
    expect(height()).to.equal(150);
    child.style.blockSize = '120px';
    await frames();
    expect(height()).to.equal(150);
    floor.stop();
  });

  it('never paints the shorter frame: the floor is set before paint', async () => {
    const floor = new HeightFloor(el);
    floor.hold();
    await frames();
    // Shrink inside a frame callback; the ResizeObserver runs after layout, before paint.
    const seen: number[] = [];
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        child.style.blockSize = '40px';
        requestAnimationFrame(() => {
          seen.push(height());
          resolve();
        });
      }),
    );
    expect(seen).to.deep.equal([100]);
    floor.stop();
  });

  it('when final, lets go at once if the content is as tall, else at the next width change', async () => {
    const floor = new HeightFloor(el);
    floor.hold();
    await frames();
    child.style.blockSize = '50px';
    await frames();
    floor.release();
    await frames();
    expect(height(), 'kept: letting go would be the jump it prevents').to.equal(100);
    child.style.blockSize = '80px';
    await frames();
    expect(height(), 'content fills the space').to.equal(100);
    el.style.inlineSize = '280px';
    await frames();
    expect(height(), 'another width, another layout').to.equal(80);
    expect(el.style.paddingBlockEnd).to.equal('');

    const again = new HeightFloor(el);
    again.hold();
    await frames();
    child.style.blockSize = '30px';
    await frames();
    again.release();
    child.style.blockSize = '90px';
    await frames();
    expect(el.style.paddingBlockEnd, 'the content is as tall: no padding left').to.equal('');
    expect(height()).to.equal(90);
    child.style.blockSize = '20px';
    await frames();
    expect(height(), 'final: nothing held any more').to.equal(20);
  });

  it("lets the reader's own collapse through, keeping the padding it had", async () => {
    const details = document.createElement('details');
    details.open = true;
    details.innerHTML = '<summary>Reasoning</summary><div style="block-size: 200px"></div>';
    el.prepend(details);
    const floor = new HeightFloor(el);
    floor.hold();
    await frames();
    const open = height();
    child.style.blockSize = '70px'; // the reply shrinks a little: made up
    await frames();
    expect(height()).to.equal(open);
    expect(el.style.paddingBlockEnd).to.equal('30px');
    const summary = details.querySelector('summary')!;
    summary.click(); // the reader collapses the block (Enter or Space on it is a click too)
    await frames();
    expect(details.open).to.equal(false);
    expect(height(), 'the collapse shows: no blank made at the bottom').to.equal(open - 200);
    expect(el.style.paddingBlockEnd, 'the padding it had stays').to.equal('30px');
    child.style.blockSize = '60px'; // streaming again: held from the new height
    await frames();
    expect(height()).to.equal(open - 200);
    summary.click(); // opened again: the padding stays as it was here too
    await frames();
    expect(height()).to.equal(open);
    floor.stop();
    details.remove();
  });

  it('holds a list that the bottom-follower watches too, with no ResizeObserver loop error', async () => {
    // The arrangement <ai-chat> uses: the floor and followBottom() on the same list. (With the floor
    // on a message inside the list, this same shrink is a "ResizeObserver loop completed with
    // undelivered notifications" error on window, which a host page's error tracker records.)
    const errors: string[] = [];
    const onError = (event: ErrorEvent): void => {
      errors.push(event.message);
      event.stopImmediatePropagation();
      event.preventDefault();
    };
    window.addEventListener('error', onError, true);
    const scroller = document.createElement('div');
    scroller.style.cssText = 'block-size: 100px; inline-size: 300px; overflow: auto';
    const list = document.createElement('div');
    const message = document.createElement('div');
    message.style.blockSize = '50px'; // at the bottom: followed from the start
    list.append(message);
    scroller.append(list);
    document.body.append(scroller);
    const floor = new HeightFloor(list); // first: its callback runs before the follower's
    const stop = followBottom(scroller, list);
    floor.hold();
    try {
      await frames();
      for (let i = 0; i < 10; i++) {
        message.style.blockSize = `${400 + i * 50}px`;
        await frames(1);
        message.style.blockSize = `${380 + i * 50}px`;
        await frames(1);
        expect(list.getBoundingClientRect().height, `held after shrink ${i}`).to.equal(400 + i * 50);
        expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.at.most(1);
      }
      await frames(3);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError, true);
      stop();
      floor.stop();
      scroller.remove();
    }
  });

  it('is not set by markdown() on the reply itself', async () => {
    const host = document.createElement('div');
    host.style.inlineSize = '300px';
    document.body.append(host);
    const view = (text: string, final: boolean) => litHtml`<div ${markdown(text, { final })}></div>`;
    const table = '| a | b |\n| --- | --- |\n| a long cell that wraps onto lines | x |';
    litRender(view(table, false), host);
    const content = host.firstElementChild as HTMLElement;
    await frames();
    litRender(view('Short.', false), host);
    await frames();
    expect(content.style.paddingBlockEnd).to.equal('');
    litRender(view('Short.', true), host);
    litRender(nothing, host);
    host.remove();
  });
});

describe('<ai-chat> holds its transcript while a reply streams', () => {
  afterEach(closeBackends);

  it('pads its list of messages (not a message) when the transcript shrinks mid-reply', async function () {
    this.timeout(30_000); // a reply at a reading pace, on a machine that may be busy
    const backend = await startBackend({ pace: 'human' });
    const el = await fixture<AiChat>(
      html`<ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="demo-token"
        feature="symptom_checker"
      ></ai-chat>`,
    );
    el.style.blockSize = '400px';
    await connected(el);
    el.send('I have a fever and a sore throat');
    const list = q(el, '.messages')!;
    await until(
      () => (qa(el, '[part~="assistant"] [part~="content"]')[0]?.textContent?.length ?? 0) > 10,
      'reply streams',
    );
    expect(el.hasAttribute('busy')).to.equal(true);
    // The height a frame laid out (and painted): read where its observers run. (The element
    // renders in a task after each frame, so between frames the DOM may hold a render no frame
    // has laid out yet, which the floor has not seen and the reader has not either.)
    const tall = await new Promise<number>((resolve) => {
      const observer = new ResizeObserver(() => {
        observer.disconnect();
        resolve(list.getBoundingClientRect().height);
      });
      observer.observe(list);
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // out of the observers' step
    // Something above shrinks while the reply streams: the user's message, say.
    q(el, '[part~="user"] [part~="content"]')!.style.display = 'none';
    await frames();
    expect(list.getBoundingClientRect().height).to.be.at.least(tall);
    expect(list.style.paddingBlockEnd).to.match(/^\d+px$/);
    for (const content of qa(el, '[part~="content"]')) expect(content.style.paddingBlockEnd).to.equal('');
    await replies(el);
    await until(() => !el.hasAttribute('busy'), 'reply ends');
    el.clear();
    await until(() => list.style.paddingBlockEnd === '', 'an emptied transcript holds no height');
  });

  it('holds no height for messages gone from the top (max-messages)', async function () {
    this.timeout(30_000);
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="demo-token"
        feature="symptom_checker"
        max-messages="2"
      ></ai-chat>`,
    );
    el.style.blockSize = '400px';
    await connected(el);
    el.send('A first question, long enough to wrap onto a few lines of the bubble it is shown in');
    await replies(el);
    await until(() => !el.hasAttribute('busy'), 'first reply ends');
    const list = q(el, '.messages')!;
    const firstReply = el.messages[1]!.id;
    // The next question and its reply push the first question and reply out while the assistant
    // is busy (a slow reply): the first reply, several lines tall, goes from the top.
    await backend.call('setOptions', { pace: 'human' });
    el.send('A second question');
    await until(
      () => !el.messages.some((m) => m.id === firstReply) && el.hasAttribute('busy'),
      'first reply trimmed',
    );
    await frames();
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(list.style.paddingBlockEnd, 'no blank where the trimmed message was').to.equal('');
  });
});
