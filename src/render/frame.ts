/**
 * Resolves at the next animation frame, so work that many events ask for (one per socket
 * frame, thousands a second) is done once per frame. A hidden page paints nothing and runs no
 * frames, so there it resolves at once.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || globalThis.document?.visibilityState === 'hidden') {
      resolve();
    } else {
      requestAnimationFrame(() => resolve());
    }
  });
}

interface Scheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

/**
 * Resolves in a task of its own just after the next animation frame: once a frame, like
 * `nextFrame()`, but what runs then is not part of the frame's task. A render done there is laid
 * out and painted by the following frame's task, so the two costs never add up in one task (a
 * huge table that takes 30 ms to render and 30 ms to lay out makes two tasks of 30 ms rather than
 * one long task of 60, and input is handled between them). The task is posted with the
 * scheduler's highest priority where there is one, ahead of the socket's waiting messages. The
 * work done in the tasks after a frame is counted from there (see {@link renderSlot}).
 */
export async function afterNextFrame(): Promise<void> {
  await nextFrame();
  await nextTask();
  workStart = performance.now();
}

/** How long the tasks after one frame may go on rendering a burst before the next frame (ms). */
const FRAME_WORK_MS = 12;
let workStart = -Infinity;
const continuing = new WeakSet<object>();

/** `host` asks for another update to go on with a render it had to cut short (see {@link renderSlot}). */
export function continueRender(host: object): void {
  continuing.add(host);
}

/**
 * When `host` may update next: just after the next frame, or, when it is going on with a render it
 * had to cut short and the tasks after this frame have not used {@link FRAME_WORK_MS}, in a task
 * of its own right away. A burst is so rendered in short tasks (input is handled between them) and
 * in fewer frames, each of which lays out and paints the whole reply again.
 */
export function renderSlot(host: object): Promise<void> {
  const again = continuing.delete(host);
  return again && performance.now() - workStart < FRAME_WORK_MS ? nextTask() : afterNextFrame();
}

/**
 * Resolves in a task of its own, posted with the scheduler's highest priority where there is one
 * (elsewhere, Safari, a timer: unclamped after a frame, at most 4 ms late after five in a row).
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'user-blocking' });
  return new Promise((resolve) => setTimeout(resolve));
}
