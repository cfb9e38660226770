import type { Strings } from './types.js';

// English: every string the widget shows or announces. Loaded alone, when the page's language
// asks for it (see ./index.ts).

const en: Strings = {
  heading: 'Assistant',
  placeholder: 'Type your message…',
  inputLabel: 'Message',
  send: 'Send',
  stop: 'Stop',
  counter: (length, max) => `${length} / ${max} characters`,
  retry: 'Retry',
  you: 'You',
  assistant: 'Assistant',
  system: 'Notice',
  typing: 'Assistant is typing',
  emptyTitle: 'How can we help?',
  emptyBody: 'Ask a question and the assistant will answer here.',
  pending: 'Waiting to send…',
  failed: 'Not sent',
  interrupted: 'Connection lost: this reply was interrupted.',
  stopped: 'You stopped this reply.',
  replyFailed: 'This reply could not be completed.',
  offlineNotice: 'You are offline. Messages you write will be sent when the connection returns.',
  unauthorizedNotice: 'Your session has expired. Sign in again, then retry.',
  /** What the notice says when the server ended the connection with one of these codes. */
  closedNotice: {
    1000: 'The server ended this conversation.',
    4403: 'Access to this conversation was denied.',
    4404: 'This conversation was not found.',
  },
  status: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    unauthorized: 'Session expired',
  },
  reconnectingIn: (seconds) => `Reconnecting in ${seconds} s…`,
  /** Announced (assertively) when a live connection drops. */
  connectionLost: 'Connection lost. Reconnecting…',
  /** Announced (politely) when the connection is back after a loss. */
  reconnected: 'Connected again.',
  /** The launcher button (`mode="launcher"`). */
  openChat: 'Open chat',
  openChatUnread: (count) => `Open chat, ${count} unread`,
  closeChat: 'Close chat',
  urgency: {
    low: 'Low urgency',
    medium: 'Medium urgency',
    high: 'High urgency',
    emergency: 'Emergency',
  },
  emergencyNotice: 'This may be an emergency. Call your local emergency number now.',
  analysis: 'Symptom analysis',
  recommendedSpecialties: 'Recommended specialties',
  doctors: 'Suggested doctors',
  choose: 'Choose',
  chooseDoctor: (name) => `I'd like to see ${name}.`,
  rating: (rating) => `Rated ${rating.toFixed(1)} out of 5`,
  nextAvailable: (when) => `Next available: ${when}`,
  timeSlots: 'Available times',
  chooseSlot: (when) => `Book ${when}`,
  slotUnavailable: 'not available',
  pickSlot: (when) => `I'd like the ${when} appointment.`,
  confirmation: 'Appointment',
  confirmationStatus: { confirmed: 'Confirmed', pending: 'Pending', cancelled: 'Cancelled' },
  appointmentId: 'Reference',
  with: 'With',
  when: 'When',
  template: { meal: 'Meal plan', workout: 'Workout plan', wellness: 'Wellness plan' },
  templateCreated: 'Plan created',
  suggestionsLabel: 'Suggested questions',
  features: {},
};

export default en;
