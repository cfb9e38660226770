import { expect } from '@open-wc/testing';
import { html as litHtml, nothing, render as litRender } from 'lit';
import { HeightFloor } from '../src/render/height-floor.js';
import { markdown } from '../src/render/markdown-directive.js';

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

  it('is used by markdown(): set while streaming, gone when the text is replaced', async () => {
    const host = document.createElement('div');
    host.style.inlineSize = '300px';
    document.body.append(host);
    const view = (text: string, final: boolean) => litHtml`<div ${markdown(text, { final })}></div>`;
    litRender(view('# Title\n\nA paragraph.', false), host);
    const content = host.firstElementChild as HTMLElement;
    await frames();
    const tall = content.getBoundingClientRect().height;
    // Growing text never sets a floor.
    litRender(view('# Title\n\nA paragraph. More.', false), host);
    await frames();
    expect(content.style.paddingBlockEnd).to.equal('');
    // A replacement (not an extension) is another reply: no floor from the old one.
    litRender(view('Short.', false), host);
    await frames();
    expect(content.getBoundingClientRect().height).to.be.below(tall);
    litRender(view('Short.', true), host);
    litRender(nothing, host);
    host.remove();
  });
});
