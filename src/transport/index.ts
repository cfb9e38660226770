export { DEFAULTS, nextDelay, type BackoffOptions } from './backoff.js';
export { Status, type StatusDetail } from './status.js';
export {
  ChatSocket,
  type ChatSocketErrorDetail,
  type ChatSocketEventMap,
  type ChatSocketOptions,
  type ConnectTarget,
  type FrameData,
  type SocketEnvironment,
  type WebSocketConstructor,
} from './chat-socket.js';
export { realClock, type Clock } from './clock.js';
export { redactUrl } from './redact-url.js';
export {
  readEventStream,
  EventStreamParser,
  type EventStreamHandlers,
  type EventStreamRequest,
  type StreamEvent,
  type StreamFailure,
} from './event-stream.js';
export { TypingSignal } from './typing-signal.js';
