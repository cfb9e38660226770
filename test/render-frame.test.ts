// src/render/frame.ts: when the element renders. `afterNextFrame()` resolves once a frame, in a
// task of its own after the frame's rendering steps (so a render there is laid out by the next
// frame's task, not added to this one's); `nextFrame()` resolves inside the frame's callbacks.
// `renderSlot()` lets a render that was cut short go on in the tasks after the same frame.
import { expect } from '@open-wc/testing';
import { afterNextFrame, continueRender, nextFrame, renderSlot } from '../src/render/frame.js';

/**
 * What happened, in order, around one frame: the frame's own ResizeObserver delivery (a step of
 * the frame's rendering, after its animation-frame callbacks and its layout) and `wait`'s end.
 */
async function order(wait: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const box = document.createElement('div');
  document.body.append(box);
  let first = true;
  const observer = new ResizeObserver(() => {
    // (The first delivery is the observation's start; the next is the frame's resize.)
    if (first) first = false;
    else seen.push('layout of the frame');
  });
  observer.observe(box);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  // Out of that frame (its own delivery is done), then a change that the next frame lays out.
  await new Promise((resolve) => setTimeout(resolve, 0));
  box.style.height = '37px';
  const waited = wait().then(() => seen.push('resolved'));
  await waited;
  // Give a late delivery its chance, so its absence means something.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  observer.disconnect();
  box.remove();
  return seen;
}

/** Whether `renderSlot()` resolves before the next frame for a host that goes on with a render, just after a frame. */
async function goesOnBeforeTheFrame(): Promise<boolean> {
  const host = {};
  await afterNextFrame();
  let framed = false;
  requestAnimationFrame(() => (framed = true));
  continueRender(host);
  await renderSlot(host);
  return !framed;
}

describe('render/frame', () => {
  it('nextFrame() resolves within the frame, before its layout', async () => {
    expect(await order(nextFrame)).to.deep.equal(['resolved', 'layout of the frame']);
  });

  it('afterNextFrame() resolves after the frame has been laid out, in a task of its own', async () => {
    expect(await order(afterNextFrame)).to.deep.equal(['layout of the frame', 'resolved']);
  });

  it('afterNextFrame() and renderSlot() work without scheduler.postTask (Safari): a timer task', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'scheduler');
    Object.defineProperty(window, 'scheduler', { value: undefined, configurable: true });
    try {
      expect((window as { scheduler?: unknown }).scheduler).to.equal(undefined);
      expect(await order(afterNextFrame)).to.deep.equal(['layout of the frame', 'resolved']);
      expect(await goesOnBeforeTheFrame(), 'a frame ran first').to.equal(true);
    } finally {
      delete (window as { scheduler?: unknown }).scheduler;
      if (own) Object.defineProperty(window, 'scheduler', own);
    }
    expect((window as { scheduler?: { postTask?: unknown } }).scheduler?.postTask).to.be.a('function');
  });

  it('afterNextFrame() resolves once per frame, not sooner', async () => {
    let frames = 0;
    let counting = true;
    const count = () => {
      frames++;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    for (let i = 0; i < 5; i++) await afterNextFrame();
    counting = false;
    expect(frames).to.be.at.least(5);
  });

  it('renderSlot() goes on with a cut-short render in a task of its own, before the next frame', async () => {
    expect(await goesOnBeforeTheFrame(), 'a frame ran first').to.equal(true);
  });

  it("renderSlot() waits for the next frame unless a render goes on, and once the frame's work is spent", async () => {
    const host = {};
    let frames = 0;
    const count = () => frames++;
    await afterNextFrame();
    requestAnimationFrame(count);
    await renderSlot(host);
    expect(frames, 'nothing to go on with: after the next frame').to.equal(1);

    // The tasks after that frame have worked longer than a frame's share (12 ms).
    const start = performance.now();
    while (performance.now() - start < 15);
    requestAnimationFrame(count);
    continueRender(host);
    await renderSlot(host);
    expect(frames, 'the work of the frame spent: after the next frame').to.equal(2);

    // Asked once, it goes on once: the next slot is after a frame again.
    continueRender(host);
    await renderSlot(host);
    requestAnimationFrame(count);
    await renderSlot(host);
    expect(frames).to.equal(3);
  });
});
