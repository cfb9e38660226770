import { expect } from '@open-wc/testing';
import { renderMarkdown } from '../src/render/markdown.js';

describe('debug', () => {
  it('simple', () => {
    const el = document.createElement('div');
    el.append(renderMarkdown('# hi\n\n[a](https://x.com) [b](javascript:x)'));
    expect(el.innerHTML).to.equal('x');
  });
});
