import type { Status } from './transport/status.js';

/** Every string the widget shows or announces, in one place (English). */
export const strings = {
  heading: 'Assistant',
  placeholder: 'Type your message…',
  inputLabel: 'Message',
  send: 'Send',
  retry: 'Retry',
  you: 'You',
  assistant: 'Assistant',
  notice: 'Notice',
  typing: 'Assistant is typing',
  emptyTitle: 'How can we help?',
  emptyBody: 'Ask a question and the assistant will answer here.',
  pending: 'Waiting to send…',
  failed: 'Not sent',
  interrupted: 'Connection lost: this reply was interrupted.',
  replyFailed: 'This reply could not be completed.',
  offlineNotice: 'You are offline. Messages you write will be sent when the connection returns.',
  unauthorizedNotice: 'Your session has expired. Sign in again, then retry.',
  status: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    unauthorized: 'Session expired',
  } satisfies Record<Status, string>,
  reconnectingIn: (seconds: number) => `Reconnecting in ${seconds} s…`,
  urgency: {
    low: 'Low urgency',
    medium: 'Medium urgency',
    high: 'High urgency',
    emergency: 'Emergency',
  } as Record<string, string>,
  emergencyNotice: 'This may be an emergency. Call your local emergency number (112 / 911) now.',
  recommendedSpecialties: 'Recommended specialties',
  doctors: 'Suggested doctors',
  choose: 'Choose',
  chooseDoctor: (name: string) => `I'd like to see ${name}.`,
  rating: (rating: number) => `Rated ${rating.toFixed(1)} out of 5`,
  nextAvailable: (when: string) => `Next available: ${when}`,
};

export type Strings = typeof strings;
