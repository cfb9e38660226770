import { expect } from '@open-wc/testing';
import { renderMarkdown, lexBlocks, renderTokens, renderTokenGroups } from '../src/render/markdown.js';
import { HOSTILE_INPUTS, REPLIES } from './fixtures/markdown-samples.js';

/** Renders into a connected element (so anything that could run or load would). */
const mount = (text: string, allowImages = false, hidden = false): HTMLElement => {
  const el = document.createElement('div');
  el.hidden = hidden;
  el.append(renderMarkdown(text, { allowImages }));
  document.body.append(el);
  return el;
};

const html = (text: string, allowImages = false): string => {
  const el = document.createElement('div');
  el.append(renderMarkdown(text, { allowImages }));
  return el.innerHTML;
};

const frames = async (count: number): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

// A URL on the test server that nothing else requests. (An existing file: loading unknown
// paths from the test server disrupted the test page in this setup.)
const uniqueUrl = (): string =>
  `${location.origin}/package.json?image=${Math.random().toString(36).slice(2)}`;

const FORBIDDEN_TAGS =
  'script, iframe, object, embed, style, link, meta, base, form, svg, math, textarea, button, select, details, noscript, template';
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Every attribute of every element, as `tag[attr]`. */
const attributesOf = (root: Element): string[] =>
  [...root.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((attr) => `${el.localName}[${attr.name}]`),
  );

describe('renderMarkdown', () => {
  let mounted: HTMLElement[] = [];
  const render = (text: string, allowImages = false, hidden = false): HTMLElement => {
    const el = mount(text, allowImages, hidden);
    mounted.push(el);
    return el;
  };
  afterEach(() => {
    for (const el of mounted) el.remove();
    mounted = [];
  });

  describe('markdown', () => {
    it('renders headings, ATX and setext', () => {
      const el = render('# One\n\n###### Six\n\nTwo\n---\n');
      expect(el.querySelector('h1')!.textContent).to.equal('One');
      expect(el.querySelector('h6')!.textContent).to.equal('Six');
      expect(el.querySelector('h2')!.textContent).to.equal('Two');
      expect(el.querySelector('[id]'), 'headings get no id').to.equal(null);
    });

    it('renders inline marks', () => {
      const el = render('**bold** *em* ~~gone~~ `code` line  \nbreak');
      expect(el.querySelector('p > strong')!.textContent).to.equal('bold');
      expect(el.querySelector('p > em')!.textContent).to.equal('em');
      expect(el.querySelector('p > del')!.textContent).to.equal('gone');
      expect(el.querySelector('p > code')!.textContent).to.equal('code');
      expect(el.querySelector('p > br')).to.not.equal(null);
    });

    it('renders nested, ordered and loose lists', () => {
      const el = render('3. three\n4. four\n   - nested\n   - nested 2\n\n- loose\n\n- list\n');
      const ol = el.querySelector('ol')!;
      expect(ol.getAttribute('start')).to.equal('3');
      expect(ol.querySelectorAll(':scope > li')).to.have.length(2);
      expect(ol.querySelectorAll('li ul > li')).to.have.length(2);
      const ul = el.querySelector(':scope > ul')!;
      expect(ul.querySelectorAll('li > p')).to.have.length(2);
    });

    it('renders task lists as disabled checkboxes', () => {
      const el = render('- [x] done\n- [ ] todo\n');
      const boxes = [...el.querySelectorAll('input')];
      expect(boxes).to.have.length(2);
      expect(boxes.map((box) => [box.type, box.checked, box.disabled])).to.deep.equal([
        ['checkbox', true, true],
        ['checkbox', false, true],
      ]);
    });

    it('renders fenced code with a language class and no highlighting', () => {
      const el = render('```ts\nconst a = 1 < 2;\n\n---\n```\n\n```\nplain\n```');
      const [first, second] = [...el.querySelectorAll('pre > code')];
      expect(first!.className).to.equal('language-ts');
      expect(first!.textContent).to.equal('const a = 1 < 2;\n\n---\n');
      expect(first!.children).to.have.length(0);
      expect(second!.hasAttribute('class')).to.equal(false);
    });

    it('renders GFM tables with alignment', () => {
      const el = render('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n');
      expect(el.querySelectorAll('table > thead > tr > th')).to.have.length(3);
      expect(el.querySelectorAll('table > tbody > tr > td')).to.have.length(3);
      expect([...el.querySelectorAll('th')].map((th) => th.getAttribute('align'))).to.deep.equal([
        'left',
        'center',
        'right',
      ]);
    });

    it('renders blockquotes and rules', () => {
      const el = render('> quoted **text**\n\n***\n');
      expect(el.querySelector('blockquote > p > strong')!.textContent).to.equal('text');
      expect(el.querySelector('hr')).to.not.equal(null);
    });

    it('is deterministic', () => {
      for (const text of Object.values(REPLIES)) expect(html(text)).to.equal(html(text));
    });

    it('renders tokens in runs the same as all at once', () => {
      for (const text of Object.values(REPLIES)) {
        const tokens = lexBlocks(text);
        const el = document.createElement('div');
        for (let i = 0; i < tokens.length; i += 2) el.append(renderTokens(tokens.slice(i, i + 2)));
        expect(el.innerHTML).to.equal(html(text));
      }
    });

    it('returns a DocumentFragment', () => {
      expect(renderMarkdown('hi')).to.be.instanceOf(DocumentFragment);
      expect(renderMarkdown('').childNodes).to.have.length(0);
    });

    it('resolves reference links', () => {
      const el = render('[docs][d]\n\n[d]: https://example.com/docs');
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/docs');
    });
  });

  describe('links', () => {
    it('opens kept links in a new tab without opener or referrer', () => {
      const el = render(
        '[a](https://example.com) <https://example.org> www.example.net [m](mailto:a@b.c) [r](/rel) [f](#frag) [q](?q=1) [p](page.html)',
      );
      const links = [...el.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com',
        'https://example.org',
        'http://www.example.net',
        'mailto:a@b.c',
        '/rel',
        '#frag',
        '?q=1',
        'page.html',
      ]);
      for (const a of links) {
        expect(a.getAttribute('target')).to.equal('_blank');
        expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      }
    });

    it('keeps protocol-relative links (they resolve to http/https)', () => {
      const a = render('[x](//example.com/a)').querySelector('a')!;
      expect(a.getAttribute('href')).to.equal('//example.com/a');
      expect(a.protocol).to.be.oneOf(['http:', 'https:']);
    });

    const disallowed: Array<[string, string]> = [
      ['javascript:', '[click](javascript:alert(1))'],
      ['mixed-case JaVaScRiPt:', '[click](JaVaScRiPt:alert(1))'],
      ['tab inside the scheme', '[click](java&#x09;script:alert(1))'],
      ['entity-encoded letter', '[click](&#106;avascript:alert(1))'],
      ['percent-encoded letter', '[click](%6Aavascript:alert(1))'],
      ['vbscript:', '[click](vbscript:msgbox(1))'],
      ['data:text/html', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
      ['control character before the scheme', '[click](\x01javascript:alert(1))'],
      ['file:', '[click](file:///etc/passwd)'],
      ['autolink', '<javascript:alert(1)>'],
      ['reference definition', '[click][r]\n\n[r]: javascript:alert(1)'],
      ['unknown scheme', '[click](foo:bar)'],
    ];
    for (const [name, text] of disallowed) {
      it(`drops the href of a ${name} link and keeps its text`, () => {
        const el = render(text);
        expect(el.querySelector('[href]'), el.innerHTML).to.equal(null);
        expect(el.querySelector('[target], [rel]'), el.innerHTML).to.equal(null);
        expect(el.textContent).to.not.equal('');
        const link = el.querySelector('a');
        if (link) expect(link.textContent).to.match(/^(click|javascript:alert\(1\))$/);
        else expect(el.textContent).to.contain('click');
      });
    }
  });

  describe('raw HTML', () => {
    const cases: Array<[string, string, string]> = [
      ['<script>alert(1)</script>', 'script', '<script>alert(1)</script>'],
      ['before <img src=x onerror=alert(1)> after', 'img', '<img src=x onerror=alert(1)>'],
      [
        '<iframe src="https://example.com"></iframe>',
        'iframe',
        '<iframe src="https://example.com"></iframe>',
      ],
      ['<style>body { display: none }</style>', 'style', '<style>body { display: none }</style>'],
      ['<svg onload=alert(1)>', 'svg', '<svg onload=alert(1)>'],
      ['<a href="javascript:alert(1)">x</a>', 'a', '<a href="javascript:alert(1)">x</a>'],
    ];
    for (const [text, tag, shown] of cases) {
      it(`shows ${tag} markup as text`, () => {
        const el = render(text);
        expect(el.querySelector(tag), el.innerHTML).to.equal(null);
        expect(el.textContent).to.contain(shown);
      });
    }

    it('shows text between raw <pre> tags as text', () => {
      const el = render('x <pre>a <b & c</pre> y');
      expect(el.querySelector('pre, b')).to.equal(null);
      expect(el.textContent!.trim()).to.equal('x <pre>a <b & c</pre> y');
    });

    it('still autolinks after an unclosed raw <a> tag', () => {
      const el = render('<a href="https://example.com">\n\nsee https://example.org/x');
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://example.org/x');
    });
  });

  describe('images', () => {
    it('turns images into links by default, and creates no <img>', () => {
      const el = render('![a chart](https://example.com/chart.png) ![](https://example.com/b.png)');
      expect(el.querySelector('img')).to.equal(null);
      const links = [...el.querySelectorAll('a')];
      expect(links.map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
        ['https://example.com/chart.png', 'a chart'],
        ['https://example.com/b.png', 'https://example.com/b.png'],
      ]);
      expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    });

    it('keeps only the alt text of an image with a disallowed URL', () => {
      const el = render('![alt text](javascript:alert(1)) ![d](data:image/png;base64,AAAA)');
      expect(el.querySelector('img, a')).to.equal(null);
      expect(el.textContent!.trim()).to.equal('alt text d');
    });

    it('makes no request for an image when images are off', async () => {
      const url = uniqueUrl();
      const el = render(`![x](${url})`);
      expect(el.querySelector('img')).to.equal(null);
      await frames(3);
      expect(performance.getEntriesByName(url)).to.have.length(0);
    });

    it('loads an image with allowImages (positive control for the request check)', async () => {
      const url = uniqueUrl();
      const el = render(`![x](${url})`, true);
      const img = el.querySelector('img')!;
      img.loading = 'eager';
      await new Promise((resolve) => {
        img.onerror = resolve;
        img.onload = resolve;
      });
      expect(performance.getEntriesByType('resource').map((entry) => entry.name)).to.include(url);
    });

    it('renders <img> with http(s) src, alt, lazy loading and no referrer when allowed', () => {
      // Detached, and lazy images load only once rendered: no request leaves the test.
      const el = document.createElement('div');
      el.append(
        renderMarkdown('![a](https://example.com/a.png "T") ![b](http://example.com/b.png)', {
          allowImages: true,
        }),
      );
      const imgs = [...el.querySelectorAll('img')];
      expect(imgs.map((img) => img.getAttribute('src'))).to.deep.equal([
        'https://example.com/a.png',
        'http://example.com/b.png',
      ]);
      expect(imgs[0]!.alt).to.equal('a');
      expect(imgs[0]!.title).to.equal('T');
      for (const img of imgs) {
        expect(img.getAttribute('loading')).to.equal('lazy');
        expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
      }
    });

    it('drops images with other schemes even when allowed', () => {
      const el = render(
        '![a](javascript:alert(1)) ![b](data:image/svg+xml;base64,PHN2Zz4=) ![c](/relative.png) ![d](mailto:a@b.c) ![e](//example.com/e.png)',
        true,
      );
      expect(el.querySelector('img'), el.innerHTML).to.equal(null);
      expect(el.textContent!.trim()).to.equal('a b c d e');
    });
  });

  describe('hostile input', () => {
    let alerts = 0;
    let originalAlert: typeof window.alert;
    beforeEach(() => {
      alerts = 0;
      originalAlert = window.alert;
      window.alert = () => {
        alerts++;
      };
    });
    afterEach(() => {
      window.alert = originalAlert;
    });

    const checkSafe = (el: HTMLElement, input: string, imagesAllowed: boolean): void => {
      if (!imagesAllowed) expect(el.querySelector('img'), input).to.equal(null);
      for (const img of el.querySelectorAll('img')) {
        expect(new URL(img.getAttribute('src')!).protocol, input).to.be.oneOf(['http:', 'https:']);
        expect(img.getAttribute('loading'), input).to.equal('lazy');
      }
      const attrs = attributesOf(el);
      expect(
        attrs.filter((attr) => /\[on/i.test(attr)),
        input,
      ).to.deep.equal([]);
      expect(el.querySelector(FORBIDDEN_TAGS), `${input}\n${el.innerHTML}`).to.equal(null);
      expect(el.querySelector('[style], [id], [name], [srcdoc], [action], [formaction]'), input).to.equal(
        null,
      );
      for (const node of el.querySelectorAll('[class]')) {
        expect(node.localName, input).to.equal('code');
        expect(node.className, input).to.match(/^language-[\w#+.-]+$/);
      }
      for (const input of el.querySelectorAll('input')) expect(input.type).to.equal('checkbox');
      for (const node of el.querySelectorAll<HTMLAnchorElement>('[href]')) {
        expect(
          ALLOWED_SCHEMES.has(new URL(node.getAttribute('href')!, location.href).protocol),
          input,
        ).to.equal(true);
        expect(node.rel).to.equal('noopener noreferrer');
      }
    };

    for (const [index, input] of HOSTILE_INPUTS.entries()) {
      it(`neutralizes hostile input #${index}: ${JSON.stringify(input).slice(0, 60)}`, async () => {
        checkSafe(render(input), input, false);
        // Hidden, so lazy images stay unloaded (no request leaves the test); handlers would still run.
        checkSafe(render(input, true, true), input, true);
        await frames(2);
        expect(alerts).to.equal(0);
      });
    }

    it('neutralizes all hostile inputs rendered together', async () => {
      const text = HOSTILE_INPUTS.join('\n\n');
      const el = render(text, true, true);
      checkSafe(el, 'all', true);
      expect(el.querySelectorAll('img'), 'the well-formed image is kept').to.have.length(1);
      for (const input of ['<img', '<script', '<iframe']) expect(el.textContent).to.contain(input);
      await frames(2);
      expect(alerts).to.equal(0);
    });

    it('does not touch the global DOMPurify instance', async () => {
      const { default: DOMPurify } = await import('dompurify');
      // The default instance still allows what our private one removes.
      expect(DOMPurify.sanitize('<b id="x">b</b>')).to.equal('<b id="x">b</b>');
      expect(DOMPurify.sanitize('<a href="ftp://x">x</a>')).to.equal('<a href="ftp://x">x</a>');
    });
  });

  describe('renderTokenGroups (several renders, sanitized in one pass)', () => {
    const outerHtml = (fragment: DocumentFragment): string => {
      const el = document.createElement('div');
      el.append(fragment);
      return el.innerHTML;
    };

    for (const allowImages of [false, true]) {
      it(`gives each group what renderTokens gives it${allowImages ? ' (images allowed)' : ''}`, () => {
        const texts = [...Object.values(REPLIES), ...HOSTILE_INPUTS];
        const groups = texts.flatMap((text) => {
          const tokens = lexBlocks(text);
          // One group per block, and the whole reply as one group: both shapes the stream renders.
          return [...tokens.map((token) => [token]), [...tokens]];
        });
        const batched = renderTokenGroups(groups, { allowImages }).map(outerHtml);
        expect(batched).to.have.length(groups.length);
        groups.forEach((group, i) => {
          expect(batched[i], group.map((token) => token.raw).join('')).to.equal(
            outerHtml(renderTokens(group, { allowImages })),
          );
        });
      });

      it(`gives a single group what renderTokens gives it, hostile text too${allowImages ? ' (images allowed)' : ''}`, () => {
        // One group goes through the batch config as well (a streaming update of one live block).
        for (const text of [...Object.values(REPLIES), ...HOSTILE_INPUTS]) {
          const tokens = lexBlocks(text);
          const [alone] = renderTokenGroups([tokens], { allowImages });
          expect(alone && outerHtml(alone), text).to.equal(outerHtml(renderTokens(tokens, { allowImages })));
        }
        expect(renderTokenGroups([], { allowImages })).to.deep.equal([]);
      });
    }

    it('leaves no wrapper behind, even for text that names one', () => {
      const groups = ['<div>raw</div>', '</div><div part="x">', 'plain'].map((text) => [...lexBlocks(text)]);
      const nodes = renderTokenGroups(groups).map(outerHtml);
      expect(nodes.join('')).not.to.contain('<div');
      expect(nodes[0]).to.equal('<p part="md-p">&lt;div&gt;raw&lt;/div&gt;</p>\n');
    });
  });
});
