/**
 * `markdown()`: the Lit bridge to {@link MarkdownStream}, used on an element.
 *
 * ```ts
 * html`<div part="content" ${markdown(message.content, { final, allowImages })}></div>`
 * ```
 *
 * One stream per element. Re-rendering a template with unchanged text, `final` and
 * `allowImages` does nothing, so re-rendering a long transcript touches only the message that
 * changed. A change of `allowImages` renders the text again from scratch.
 */
import { noChange } from 'lit';
import { AsyncDirective, directive, PartType, type ElementPart, type PartInfo } from 'lit/async-directive.js';
import { MarkdownStream } from './markdown-stream.js';

export interface MarkdownDirectiveOptions {
  /** The text is complete: render it now, synchronously, exactly as `renderMarkdown(text)`. */
  final?: boolean;
  /** Render images as `<img>` (http/https only); otherwise an image becomes a link to its URL. */
  allowImages?: boolean;
  /**
   * The caller already updates at most once per animation frame (as `<ai-chat>` does): render
   * the live tail right away instead of scheduling another frame for it.
   */
  immediate?: boolean;
}

class MarkdownDirective extends AsyncDirective {
  private stream: MarkdownStream | undefined;
  private text = '';
  private final = false;
  private allowImages = false;

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
    const final = options?.final ?? false;
    const allowImages = options?.allowImages ?? false;
    if (this.stream && text === this.text && final === this.final && allowImages === this.allowImages) {
      return noChange;
    }
    if (!this.stream || allowImages !== this.allowImages) {
      this.stream?.destroy();
      this.stream = new MarkdownStream(part.element as HTMLElement, { allowImages });
    }
    this.text = text;
    this.final = final;
    this.allowImages = allowImages;
    this.stream.update(text, final);
    if (options?.immediate) this.stream.flush();
    return noChange;
  }

  protected override disconnected(): void {
    this.stream?.destroy();
  }

  protected override reconnected(): void {
    this.stream?.flush();
  }
}

/**
 * Renders streaming markdown into the element it is placed on (see {@link MarkdownStream}).
 * The element's children belong to the directive.
 */
export const markdown = directive(MarkdownDirective);

export type { MarkdownDirective };
