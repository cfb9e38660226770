/**
 * `markdown()`: the Lit bridge to {@link MarkdownStream}, used on an element.
 *
 * ```ts
 * html`<div part="content" ${markdown(message.content, { final, allowImages })}></div>`
 * ```
 *
 * One stream per element, rendering synchronously in the host's update: the host decides how
 * often that is (`<ai-chat>` updates once per animation frame, more often only to catch up with a
 * reply far behind, see `continueLater`). Re-rendering a template
 * with unchanged text, `final` and `allowImages` does nothing, so re-rendering a long transcript
 * touches only the message that changed. A change of `allowImages` renders the text again.
 * A burst of text is rendered in short steps, a few after each frame, rather than in one long
 * one (see `continueLater`). (That a streaming reply never gets shorter under its reader is the
 * transcript's job: `HeightFloor` on the list of messages, see height-floor.ts.)
 */
import { noChange } from 'lit';
import { AsyncDirective, directive, PartType, type ElementPart, type PartInfo } from 'lit/async-directive.js';
import { continueRender } from './frame.js';
import { MarkdownStream } from './markdown-stream.js';

export interface MarkdownDirectiveOptions {
  /** The text is complete: render it exactly as `renderMarkdown(text)`. */
  final?: boolean;
  /** Render images as `<img>` (http/https only); otherwise an image becomes a link to its URL. */
  allowImages?: boolean;
}

/**
 * How far behind (characters not shown) a reply renders more than once a frame, in short tasks
 * after it. A reply that streams about as fast as it is read, or a few frames ahead after a slow
 * one, renders once a frame (a 2,000 frames/s stream of 8 characters brings 300–600 a frame).
 */
const CATCH_UP_CHARS = 4096;

class MarkdownDirective extends AsyncDirective {
  private stream: MarkdownStream | undefined;
  private allowImages = false;
  private text = '';
  private final = false;
  private host: unknown;
  /** A continuation is scheduled (see `continueLater`). */
  private waiting = false;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('markdown() goes on an element: <div ${markdown(text)}></div>');
    }
  }

  render(_text: string, _options?: MarkdownDirectiveOptions): unknown {
    return noChange;
  }

  override update(part: ElementPart, [text, options]: Parameters<this['render']>): unknown {
    const allowImages = options?.allowImages ?? false;
    const final = options?.final ?? false;
    const element = part.element as HTMLElement;
    if (!this.stream || allowImages !== this.allowImages) {
      this.stream = new MarkdownStream(element, { allowImages });
      this.allowImages = allowImages;
    }
    this.text = text;
    this.final = final;
    this.host = part.options?.host;
    if (!this.stream.update(text, final)) this.continueLater();
    return noChange;
  }

  protected override reconnected(): void {
    this.continueLater();
  }

  /**
   * The stream is catching up with a burst of text: render the rest in the next steps. The
   * host (an element with its own once-per-frame update, like `<ai-chat>`) is asked for another
   * update, which calls this directive again, at the next frame. A reply far behind (at least
   * {@link CATCH_UP_CHARS} not shown: a reply that arrived whole, a firehose) says that the update
   * goes on with a render cut short (`continueRender()`), which `<ai-chat>` makes in a task of its
   * own right away while the frame's share of work lasts (`renderSlot()` in frame.ts). Without a
   * host, the directive goes on by itself at the next animation frame.
   */
  private continueLater(): void {
    if (this.waiting || !this.isConnected) return;
    this.waiting = true;
    const host = this.host as { requestUpdate?: () => void } | undefined;
    if (typeof host?.requestUpdate === 'function') {
      // After this update is over: asking during it would be an update in an update.
      queueMicrotask(() => {
        this.waiting = false;
        if ((this.stream?.behind ?? 0) >= CATCH_UP_CHARS) continueRender(host);
        host.requestUpdate!();
      });
    } else {
      requestAnimationFrame(() => {
        this.waiting = false;
        if (this.isConnected && this.stream && !this.stream.update(this.text, this.final))
          this.continueLater();
      });
    }
  }
}

/**
 * Renders streaming markdown into the element it is placed on (see {@link MarkdownStream}).
 * The element's children belong to the directive.
 */
export const markdown = directive(MarkdownDirective);

export type { MarkdownDirective };
