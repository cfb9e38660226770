// plainText: what a screen reader hears for a rendered message. Blocks and rows on lines of their
// own, cells and buttons apart, runs of white space as one space, `<time>` captions left out.
import { expect } from '@open-wc/testing';
import { plainText } from '../src/views/plain-text.js';

const from = (markup: string): HTMLElement => {
  const div = document.createElement('div');
  div.innerHTML = markup;
  return div;
};

describe('views/plain-text: plainText', () => {
  it('keeps a heading apart from the paragraph after it (textContent runs them together)', () => {
    const root = from('<h2>Causes</h2><p>A fever is usually an infection.</p>');
    expect(root.textContent).to.equal('CausesA fever is usually an infection.');
    expect(plainText(root)).to.equal('Causes\nA fever is usually an infection.');
  });

  it('puts each list item, quote and code block on its own line, with no blank lines', () => {
    const root = from(
      '<p>Try:</p><ul><li>rest</li><li><p>fluids</p><ol><li>water</li></ol></li></ul>' +
        '<blockquote><p>Call us</p></blockquote><pre><code>take 2</code></pre><hr><p>End</p>',
    );
    expect(plainText(root)).to.equal('Try:\nrest\nfluids\nwater\nCall us\ntake 2\nEnd');
  });

  it('reads a table row by row, cells apart', () => {
    const root = from(
      '<table><thead><tr><th>Day</th><th>Hours</th></tr></thead>' +
        '<tbody><tr><td>Mon</td><td>8–18</td></tr><tr><td>Sat</td><td>9–13</td></tr></tbody></table>',
    );
    expect(plainText(root)).to.equal('Day Hours\nMon 8–18\nSat 9–13');
  });

  it('keeps inline markup inline and buttons apart', () => {
    const root = from(
      '<p>Take <strong>two</strong> tablets, <em>not</em> <a href="#">more</a>.</p>' +
        '<div><button>Book</button><button>Cancel</button></div>',
    );
    expect(plainText(root)).to.equal('Take two tablets, not more.\nBook Cancel');
  });

  it('breaks at <br> and collapses runs of white space (no-break spaces too), trimming the ends', () => {
    const root = from('  <p>one\u00a0\u00a0 two<br>three\t\tfour</p>\n\n  <p>   five   </p>  ');
    expect(plainText(root)).to.equal('one two\nthree four\nfive');
  });

  it('leaves out <time> captions, comments and empty blocks', () => {
    const root = from(
      '<p>Hello <time datetime="2024-03-05T09:05">9:05 AM</time></p><!-- hidden --><p></p><div> </div><p>Bye</p>',
    );
    expect(plainText(root)).to.equal('Hello\nBye');
  });

  it('leaves out what is marked data-unannounced (a reply’s tool lines, reasoning and sources)', () => {
    const root = from(
      '<ul data-unannounced><li>find_doctors Done</li></ul><p>Dr. Rossi is free.</p>' +
        '<div data-unannounced><p>Sources</p><a href="https://x.test/">x.test</a></div>',
    );
    expect(plainText(root)).to.equal('Dr. Rossi is free.');
  });

  it('takes a text node or an empty element', () => {
    expect(plainText(document.createTextNode('  just text  '))).to.equal('just text');
    expect(plainText(document.createElement('div'))).to.equal('');
  });

  it('reads text as text: markup-looking characters are kept as they are', () => {
    const root = from('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 2 &lt; 3</p>');
    expect(plainText(root)).to.equal('<script>alert(1)</script> & 2 < 3');
  });
});
