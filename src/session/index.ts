export {
  ChatSession,
  type ChatSessionEventMap,
  type MessageDetail,
  type Origin,
  type SessionSettings,
} from './session.js';
export { defaultDeps, type SessionDeps, type LockManagerLike, type ChannelConstructor } from './deps.js';
export type { TokenProvider } from './token.js';
