export { AiChat } from './ai-chat.js';
export * from './events.js';
export type { Activity, ActivityState, ChatMessage, MessageState, Reasoning } from './transcript/types.js';
export type {
  Card,
  Doctor,
  TimeSlot,
  Role,
  Source,
  JsonPatchOperation,
  Dialect,
  SocketDialect,
  HttpDialect,
  ServerEvent,
  ClientCommand,
  SendCommand,
  DialectContext,
  HistoryEntry,
  HttpRequest,
  StreamEvent,
} from './protocol/types.js';
export { Status, type StatusDetail } from './transport/status.js';
export type { TokenProvider } from './session/token.js';
export type { FeatureCopy, Strings, StringsOverride } from './i18n/index.js';
