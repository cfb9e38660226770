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
 * scheduler's highest priority where there is one, ahead of the socket's waiting messages.
 */
export async function afterNextFrame(): Promise<void> {
  await nextFrame();
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'user-blocking' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
