import type { ActivityState } from '../transcript/types.js';
import type { Status } from '../transport/status.js';

/**
 * Every string the widget shows or announces. Each built-in language (`./en.ts`, `./es.ts`, …)
 * has every key; the `strings` property replaces any of them (see {@link StringsOverride}).
 */
export interface Strings {
  /** The heading, unless the `heading` attribute says. */
  heading: string;
  /** The input's placeholder, unless the `placeholder` attribute says. */
  placeholder: string;
  /** The input's accessible name. */
  inputLabel: string;
  send: string;
  stop: string;
  /** The character counter shown near and over `max-length`. */
  counter: (length: number, max: number) => string;
  retry: string;
  /** Who wrote a message, read before it by screen readers: the person, the assistant, a system line. */
  you: string;
  assistant: string;
  system: string;
  typing: string;
  /** The empty state before the first message. */
  emptyTitle: string;
  emptyBody: string;
  /** A message's state line. */
  pending: string;
  failed: string;
  interrupted: string;
  stopped: string;
  replyFailed: string;
  /** The status text of `connected` for a dialect that keeps no connection open (one HTTP request per turn). */
  ready: string;
  /** The label of a reply's list of tools the agent ran. */
  activityLabel: string;
  /** A tool line's state. */
  activityState: Record<ActivityState, string>;
  /** A tool line whose tool has no name. */
  activityUnnamed: string;
  /** The summary of a tool's arguments or result (`show-tool-details`). */
  toolDetails: string;
  /** The summary of a reply's reasoning (`reasoning="collapsed"`). */
  reasoning: string;
  /** The title of the links a reply cites. */
  sources: string;
  /** The notice (`part="notice"`) while offline, and when the server refused the token. */
  offlineNotice: string;
  unauthorizedNotice: string;
  /** What the notice says when the server ended the connection with one of these close codes. */
  closedNotice: Record<number, string>;
  /** The status badge, per status. */
  status: Record<Status, string>;
  reconnectingIn: (seconds: number) => string;
  /** Announced (assertively) when a live connection drops. */
  connectionLost: string;
  /** Announced (politely) when the connection is back after a loss. */
  reconnected: string;
  /** The launcher button (`mode="launcher"`). */
  openChat: string;
  openChatUnread: (count: number) => string;
  closeChat: string;
  /** Cards: a symptom analysis. */
  urgency: Record<string, string>;
  /** Shown on a symptom analysis of urgency `emergency`. */
  emergencyNotice: string;
  analysis: string;
  recommendedSpecialties: string;
  /** Cards: suggested doctors. */
  doctors: string;
  choose: string;
  chooseDoctor: (name: string) => string;
  rating: (rating: number) => string;
  nextAvailable: (when: string) => string;
  /** Cards: time slots. */
  timeSlots: string;
  chooseSlot: (when: string) => string;
  slotUnavailable: string;
  pickSlot: (when: string) => string;
  /** Cards: a booking confirmation. */
  confirmation: string;
  confirmationStatus: Record<string, string>;
  appointmentId: string;
  with: string;
  when: string;
  /** Cards: a created plan. */
  template: Record<string, string>;
  templateCreated: string;
  suggestionsLabel: string;
  /**
   * The empty state per AI feature (the `feature` attribute): a short intro and suggested first
   * questions. None are built in; a preset supplies them (`ai-chat-element/presets/clinic`).
   */
  features: Record<string, FeatureCopy | undefined>;
}

/** The empty state of one AI feature. */
export interface FeatureCopy {
  intro: string;
  suggestions: string[];
}

/**
 * What the `strings` property takes: any subset of {@link Strings}; a table (`status`,
 * `features`, …) may name only the entries it changes.
 */
export type StringsOverride = {
  [K in keyof Strings]?: Strings[K] extends (...args: never[]) => unknown
    ? Strings[K]
    : Strings[K] extends object
      ? Partial<Strings[K]>
      : Strings[K];
};
