export { DEFAULTS, nextDelay, type BackoffOptions } from './backoff.js';
export { Status, type StatusDetail } from './status.js';
export {
  ChatSocket,
  redactUrl,
  type ChatSocketErrorDetail,
  type ChatSocketEventMap,
  type ChatSocketOptions,
  type Clock,
  type ConnectTarget,
  type FrameData,
  type SentDetail,
  type SocketEnvironment,
  type WebSocketConstructor,
} from './chat-socket.js';
