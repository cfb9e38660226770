// Loaded as a classic script at the top of every benchmark page, before the widget or any
// baseline code: it records long tasks, times every requestAnimationFrame callback, counts the
// WebSocket frames that arrive and tells which callbacks changed the reply's DOM (a
// MutationObserver on the widget's shadow root, filtered to the replies' content). It also
// holds the drivers the benchmark calls through page.evaluate(): `window.__bench`.
(() => {
  const now = () => performance.now();

  /** @typedef {{start: number, duration: number, kind: 'frame' | 'task' | 'call', frame?: number, length?: number}} Update */
  /** @typedef {{start: number, duration: number, frame: number, changed: boolean}} FrameCallback */

  /** @type {{start: number, duration: number}[]} */
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const state = {
    /** @type {Update[]} reply DOM changes: in a frame callback, in a socket task, or a baseline's update call */
    updates: [],
    /** @type {FrameCallback[]} */
    callbacks: [],
    frames: 0,
    /** @type {number | null} */
    firstFrameAt: null,
    /** @type {number | null} */
    firstChunkAt: null,
    /** @type {number | null} */
    lastFrameAt: null,
    /** @type {number | null} */
    startAt: null,
    /** @type {number | null} */
    finalAt: null,
  };

  // --- which mutations are the reply's, and in which callback they happened -----------------
  // Every reply mutation is reported by the MutationObserver callback, a microtask: it runs in
  // the microtask checkpoint right after the frame callback (or socket message) whose work,
  // including the promise continuations it started (the element waits for a frame, then
  // updates in a microtask), changed the DOM. So the current callback is the one to blame, and
  // an update lasts from the callback's start to the delivery of its mutations.
  /** @type {(node: Node) => boolean} */
  let isReply = () => false;
  /** @param {MutationRecord[]} records */
  const touchesReply = (records) => records.some((record) => isReply(record.target));
  /** @type {{kind: 'frame' | 'task', start: number, frame?: number, callback?: FrameCallback, update?: Update} | null} */
  let context = null;
  const observer = new MutationObserver((records) => {
    if (!touchesReply(records)) return;
    const at = now();
    if (!context || at - context.start > 1000) {
      state.updates.push({ start: at, duration: NaN, kind: 'task' });
      return;
    }
    if (context.callback) context.callback.changed = true;
    if (context.update) {
      context.update.duration = at - context.update.start;
      return;
    }
    context.update = { start: context.start, duration: at - context.start, kind: context.kind };
    if (context.frame !== undefined) context.update.frame = context.frame;
    state.updates.push(context.update);
  });

  // --- requestAnimationFrame: every callback timed -----------------------------------------
  /** @type {FrameCallback | undefined} the frame callback that ran last */
  let lastCallback;
  const nativeRaf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    nativeRaf((time) => {
      const start = now();
      /** @type {FrameCallback} */
      const record = { start, duration: 0, frame: time, changed: false };
      state.callbacks.push(record);
      lastCallback = record;
      context = { kind: 'frame', start, frame: time, callback: record };
      try {
        callback(time);
      } finally {
        record.duration = now() - start;
      }
    });

  // --- scheduler.postTask: the element renders in a task of its own just after each animation
  // frame (src/render/frame.ts, afterNextFrame), so that a render and the following layout are
  // two tasks: an update that starts there is timed from that task's start, and counted with the
  // updates of frame callbacks (it is the once-a-frame render), as the work of the frame callback
  // that ran last (so that frame is not counted idle). A render that catches up with a burst goes
  // on in more such tasks after the same frame (renderSlot): each is an update of its own.
  const scheduler = /** @type {{postTask?: (task: () => unknown, options?: object) => Promise<unknown>}} */ (
    /** @type {any} */ (window).scheduler ?? {}
  );
  if (scheduler.postTask) {
    const nativePostTask = scheduler.postTask.bind(scheduler);
    scheduler.postTask = (task, options) =>
      nativePostTask(() => {
        context = { kind: 'frame', start: now() };
        if (lastCallback) Object.assign(context, { frame: lastCallback.frame, callback: lastCallback });
        return task();
      }, options);
  }

  // --- WebSocket: count frames, note when each socket task starts ---------------------------
  const NativeWebSocket = window.WebSocket;
  class BenchWebSocket extends NativeWebSocket {
    /**
     * @param {string | URL} url
     * @param {string | string[]} [protocols]
     */
    constructor(url, protocols) {
      super(url, protocols);
      // Added before anyone else's listener (and before an `onmessage`), so it runs first.
      this.addEventListener('message', (event) => {
        const at = now();
        context = { kind: 'task', start: at };
        state.frames++;
        state.firstFrameAt ??= at;
        state.lastFrameAt = at;
        if (state.firstChunkAt === null && typeof event.data === 'string' && event.data.includes('"chunk"')) {
          state.firstChunkAt = at;
        }
      });
    }
  }
  window.WebSocket = BenchWebSocket;

  /** @param {number[]} values */
  const sorted = (values) => values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

  /**
   * A cheap string hash (FNV-1a), to compare rendered DOMs across pages.
   * @param {string} text
   */
  const hash = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16);
  };

  /** @param {Element} container */
  const signature = (container) => ({
    html: hash(container.innerHTML),
    htmlLength: container.innerHTML.length,
    textLength: (container.textContent ?? '').length,
    elements: container.querySelectorAll('*').length,
  });

  // --- the widget ---------------------------------------------------------------------------
  /** @typedef {HTMLElement & {updateComplete: Promise<boolean>, status: string, messages: readonly {id: string, role: string, state: string, content: string}[], send(text: string): boolean, clear(): void}} AiChat */

  // (Through unknown: the project declares its own type for the tag, which may differ.)
  const widget = () => /** @type {AiChat} */ (/** @type {unknown} */ (document.querySelector('ai-chat')));
  const shadow = () => /** @type {ShadowRoot} */ (widget().shadowRoot);
  /** The content element of the last assistant message. */
  const replyContent = () => {
    const replies = shadow().querySelectorAll('.message.assistant');
    return replies[replies.length - 1]?.querySelector('.content') ?? null;
  };

  /** Resolves once the element is defined, rendered and connected; starts watching the replies. */
  async function widgetReady() {
    await customElements.whenDefined('ai-chat');
    const el = widget();
    await el.updateComplete;
    if (el.status !== 'connected') {
      await new Promise((resolve) => {
        /** @param {Event} event */
        const onStatus = (event) => {
          if (/** @type {CustomEvent} */ (event).detail.status !== 'connected') return;
          el.removeEventListener('ai-chat-status', onStatus);
          resolve(undefined);
        };
        el.addEventListener('ai-chat-status', onStatus);
      });
    }
    isReply = (node) => {
      const element = node instanceof Element ? node : node.parentElement;
      return element?.closest('.content.markdown') != null;
    };
    observer.observe(shadow(), { subtree: true, childList: true, characterData: true, attributes: true });
    return true;
  }

  /** Resolves with the next assistant message that is no longer streaming. */
  function nextFinishedReply() {
    const el = widget();
    return new Promise((resolve) => {
      /** @param {Event} event */
      const onMessage = (event) => {
        const { message } = /** @type {CustomEvent} */ (event).detail;
        if (message.role !== 'assistant' || message.state === 'streaming') return;
        el.removeEventListener('ai-chat-message', onMessage);
        resolve(message);
      };
      el.addEventListener('ai-chat-message', onMessage);
    });
  }

  /**
   * Sends `prompt` and resolves once the reply is final: its state is no longer `streaming` and
   * the element finished the update that rendered it.
   * @param {string} prompt
   */
  async function widgetRun(prompt) {
    const el = widget();
    const finished = nextFinishedReply();
    state.startAt = now();
    el.send(prompt);
    const message = /** @type {{state: string, content: string}} */ (await finished);
    // Until no update is pending: a long reply's final render may take a few frames.
    while (!(await el.updateComplete));
    state.finalAt = now();
    const content = replyContent();
    return {
      state: message.state,
      length: message.content.length,
      lastState: el.messages[el.messages.length - 1]?.state,
      signature: content ? signature(content) : null,
    };
  }

  /** Empties the transcript (after the warm-up run). */
  async function widgetClear() {
    widget().clear();
    await widget().updateComplete;
    return true;
  }

  // --- measurements ---------------------------------------------------------------------------
  function reset() {
    state.updates = [];
    state.callbacks = [];
    state.frames = 0;
    state.firstFrameAt = state.firstChunkAt = state.lastFrameAt = null;
    state.startAt = state.finalAt = null;
    context = null;
    longTasks.length = 0;
    return true;
  }

  /** The figures of the run since reset(), between startAt and finalAt. */
  function snapshot() {
    const from = state.startAt ?? 0;
    const to = state.finalAt ?? now();
    const inWindow = longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
    const durations = sorted(state.updates.map((update) => update.duration));
    return {
      timeOrigin: performance.timeOrigin,
      startAt: state.startAt,
      finalAt: state.finalAt,
      firstChunkAt: state.firstChunkAt,
      firstFrameAt: state.firstFrameAt,
      lastFrameAt: state.lastFrameAt,
      frames: state.frames,
      updates: durations,
      updateKinds: {
        frame: state.updates.filter((u) => u.kind === 'frame').length,
        task: state.updates.filter((u) => u.kind === 'task').length,
        call: state.updates.filter((u) => u.kind === 'call').length,
        unattributed: state.updates.filter((u) => !Number.isFinite(u.duration)).length,
      },
      frameCallbacks: state.callbacks.length,
      idleCallbacks: state.callbacks.filter((c) => !c.changed).length,
      animationFrames: new Set(state.callbacks.map((c) => c.frame)).size,
      longTasks: inWindow.map((task) => task.duration),
      calls: state.updates.filter((u) => u.kind === 'call').map((u) => [u.length ?? 0, u.duration]),
    };
  }

  /**
   * Records an update made by a baseline page (its own timing) of a text of `length` characters.
   * @param {number} start
   * @param {number} duration
   * @param {number} length
   */
  function recordCall(start, duration, length) {
    state.updates.push({ start, duration, kind: 'call', length });
  }

  /**
   * Counts animation frames (with the native rAF, so not among the timed callbacks) until stop().
   */
  function frameCounter() {
    let count = 0;
    let running = true;
    /** @type {number[]} */
    const times = [];
    const tick = (/** @type {number} */ time) => {
      if (!running) return;
      count++;
      times.push(time);
      nativeRaf(tick);
    };
    nativeRaf(tick);
    return {
      stop() {
        running = false;
        return { count, times };
      },
    };
  }

  /**
   * Selection test: during the reply to `prompt`, once the reply's first paragraph is complete
   * (three more blocks follow it), selects text inside it; after the final render, tells whether
   * the selection is unchanged and its anchor node (the selected text node) still connected and
   * still the anchor. (When that node is replaced, the range collapses onto a connected ancestor:
   * the current anchor alone would look connected.)
   * @param {() => Element | null} content the reply's container
   * @param {() => Promise<unknown>} run starts the reply and resolves once it is final
   * @param {() => {toString(): string, anchorNode: Node | null, rangeCount: number}} selection
   */
  async function selectionTest(content, run, selection) {
    /** @type {{selected: string, node: Text, at: number} | null} */
    let made = null;
    let running = true;
    const watch = () => {
      if (!running || made) return;
      const container = content();
      const first = container?.querySelector(':scope > p');
      if (
        container &&
        first &&
        container.children.length >= Array.from(container.children).indexOf(first) + 4
      ) {
        // From the start of its first text node to the end of its last: the whole paragraph,
        // across its inline elements (links, code, emphasis).
        const walker = document.createTreeWalker(first, NodeFilter.SHOW_TEXT);
        const text = /** @type {Text | null} */ (walker.nextNode());
        let last = text;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) last = /** @type {Text} */ (node);
        if (text && last && (first.textContent ?? '').length > 4) {
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(last, last.data.length);
          const sel = document.getSelection();
          sel?.removeAllRanges();
          sel?.addRange(range);
          made = { selected: selection().toString(), node: text, at: now() };
          return;
        }
      }
      nativeRaf(watch);
    };
    nativeRaf(watch);
    const result = await run();
    running = false;
    const after = selection();
    const selection0 = /** @type {{selected: string, node: Text, at: number} | null} */ (made);
    const selected = selection0?.selected ?? null;
    return {
      made: selected !== null,
      selected: selected ?? '',
      after: after.toString(),
      unchanged: !!selected && after.toString() === selected,
      anchorConnected: !!selection0 && selection0.node.isConnected && after.anchorNode === selection0.node,
      selectedNodeConnected: selection0?.node.isConnected ?? false,
      anchorNow: after.anchorNode?.nodeName ?? null,
      result,
    };
  }

  /** Selection test on the widget (the selection as the shadow root sees it, in Chromium). */
  async function widgetSelection(/** @type {string} */ prompt) {
    const root = /** @type {ShadowRoot & {getSelection?: () => Selection | null}} */ (shadow());
    const outcome = await selectionTest(
      replyContent,
      () => widgetRun(prompt),
      () => root.getSelection?.() ?? /** @type {Selection} */ (document.getSelection()),
    );
    return { ...outcome, api: root.getSelection ? 'shadowRoot.getSelection()' : 'document.getSelection()' };
  }

  /**
   * The transcript test: watches every message element now in the DOM; after `run` resolves,
   * counts those that saw a mutation (attribute, child list or text, in their subtree) and those
   * that were removed (trimmed by max-messages).
   * @param {string} prompt
   */
  async function othersUntouched(prompt) {
    const messages = Array.from(shadow().querySelectorAll('.message'));
    const touched = new Set();
    const observers = messages.map((message) => {
      const watcher = new MutationObserver(() => touched.add(message));
      watcher.observe(message, { subtree: true, childList: true, characterData: true, attributes: true });
      return watcher;
    });
    const result = await widgetRun(prompt);
    for (const watcher of observers) {
      for (const record of watcher.takeRecords()) touched.add(record.target);
      watcher.disconnect();
    }
    const mutated = messages.filter((message) => message.isConnected && touched.has(message));
    return {
      before: messages.length,
      removed: messages.filter((message) => !message.isConnected).length,
      mutated: mutated.length,
      mutatedParts: mutated.slice(0, 5).map((m) => m.getAttribute('part')),
      after: shadow().querySelectorAll('.message').length,
      result,
    };
  }

  /**
   * Waits until the transcript holds `count` messages (e.g. pushed history) and is rendered.
   * @param {number} count
   */
  async function widgetMessages(count) {
    const el = widget();
    while (el.messages.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    await el.updateComplete;
    return { messages: el.messages.length, elements: shadow().querySelectorAll('.message').length };
  }

  /**
   * Streams `count` replies one after another (prompts `${prefix}${i}`).
   * @param {number} count
   * @param {string} prefix
   */
  async function widgetReplies(count, prefix) {
    let failed = 0;
    for (let i = 0; i < count; i++) {
      const result = await widgetRun(`${prefix}${i}`);
      if (result.state !== 'complete') failed++;
    }
    return {
      failed,
      messages: widget().messages.length,
      elements: shadow().querySelectorAll('.message').length,
    };
  }

  /**
   * Burst test: waits for the reply pushed by the server (no prompt), counting animation frames
   * from its first frame to its final render.
   */
  async function burstWatch() {
    const counter = frameCounter();
    const finished = nextFinishedReply();
    const message = /** @type {{state: string, content: string}} */ (await finished);
    await widget().updateComplete;
    state.finalAt = now();
    const { times } = counter.stop();
    const from = state.firstFrameAt ?? 0;
    const elapsed = times.filter((t) => t >= from && t <= (state.finalAt ?? Infinity)).length;
    /** @type {Map<number, number>} */
    const perFrame = new Map();
    for (const u of state.updates)
      if (u.frame !== undefined) perFrame.set(u.frame, (perFrame.get(u.frame) ?? 0) + 1);
    return {
      state: message.state,
      length: message.content.length,
      framesReceived: state.frames,
      updates: state.updates.length,
      frameUpdates: state.updates.filter((u) => u.kind === 'frame').length,
      taskUpdates: state.updates.filter((u) => u.kind === 'task').length,
      animationFrames: elapsed,
      maxUpdatesPerFrame: Math.max(0, ...perFrame.values()),
      firstFrameAt: state.firstFrameAt,
      lastFrameAt: state.lastFrameAt,
      finalAt: state.finalAt,
    };
  }

  /** Resolves once the next assistant reply is no longer streaming and is rendered. */
  async function nextReplyDone() {
    await nextFinishedReply();
    while (!(await widget().updateComplete));
    return true;
  }

  /**
   * View jumps: until `stop()`, on every animation frame (native rAF, after the widget's own
   * frame work), whether the transcript is following its bottom and whether its content got
   * shorter since the last frame while it was: the text a reader follows would jump.
   */
  function viewJumpWatch() {
    const log = /** @type {HTMLElement} */ (shadow().querySelector('[part~="log"]'));
    let running = true;
    let last = log.scrollHeight;
    /** @type {{frames: number, followingFrames: number, jumps: number, jumpPx: number, sizes: number[]}} */
    const figures = { frames: 0, followingFrames: 0, jumps: 0, jumpPx: 0, sizes: [] };
    const tick = () => {
      if (!running) return;
      const height = log.scrollHeight;
      const following = last - log.scrollTop - log.clientHeight <= 32;
      figures.frames++;
      if (following) {
        figures.followingFrames++;
        if (height + 0.5 < last) {
          figures.jumps++;
          figures.jumpPx += last - height;
          if (figures.sizes.length < 6) figures.sizes.push(Math.round(last - height));
        }
      }
      last = height;
      nativeRaf(tick);
    };
    nativeRaf(tick);
    return {
      stop() {
        running = false;
        return figures;
      },
    };
  }

  /** Startup figures of this load (ms since navigation start). */
  const startup = {
    /** @type {number | null} */
    defined: null,
    /** @type {number | null} */
    firstRender: null,
    hasContent: false,
  };
  customElements.whenDefined('ai-chat').then(async () => {
    startup.defined = now();
    const el = widget();
    if (!el) return;
    await el.updateComplete;
    startup.firstRender = now();
    startup.hasContent = (el.shadowRoot?.childNodes.length ?? 0) > 0;
  });
  async function startupFigures() {
    await customElements.whenDefined('ai-chat');
    await widget().updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const resource = /** @type {PerformanceResourceTiming | undefined} */ (
      performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/dist/ai-chat.js'))
    );
    return {
      scriptLoaded: resource ? resource.responseEnd : null,
      defined: startup.defined,
      firstRender: startup.firstRender,
      hasContent: startup.hasContent,
    };
  }

  Object.assign(window, {
    __bench: {
      state,
      now,
      reset,
      snapshot,
      signature,
      recordCall,
      frameCounter,
      selectionTest,
      widgetReady,
      widgetRun,
      widgetClear,
      widgetSelection,
      widgetMessages,
      widgetReplies,
      othersUntouched,
      burstWatch,
      viewJumpWatch,
      nextReplyDone,
      startupFigures,
    },
  });
})();
