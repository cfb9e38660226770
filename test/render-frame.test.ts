// src/render/frame.ts: when the element renders. `afterNextFrame()` resolves once a frame, in a
// task of its own after the frame's rendering steps (so a render there is laid out by the next
// frame's task, not added to this one's); `nextFrame()` resolves inside the frame's callbacks.
import { expect } from '@open-wc/testing';
import { afterNextFrame, nextFrame } from '../src/render/frame.js';

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

describe('render/frame', () => {
  it('nextFrame() resolves within the frame, before its layout', async () => {
    expect(await order(nextFrame)).to.deep.equal(['resolved', 'layout of the frame']);
  });

  it('afterNextFrame() resolves after the frame has been laid out, in a task of its own', async () => {
    expect(await order(afterNextFrame)).to.deep.equal(['layout of the frame', 'resolved']);
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
});
