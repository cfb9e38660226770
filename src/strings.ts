import type { Status } from './transport/status.js';

/** Every string the widget shows or announces, in one place (English). */
export const strings = {
  heading: 'Assistant',
  placeholder: 'Type your message…',
  inputLabel: 'Message',
  send: 'Send',
  counter: (length: number, max: number) => `${length} / ${max} characters`,
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
  /** What the notice says when the server ended the connection with one of these codes. */
  closedNotice: {
    1000: 'The server ended this conversation.',
    4403: 'Access to this conversation was denied.',
    4404: 'This conversation was not found.',
  } as Record<number, string>,
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
  analysis: 'Symptom analysis',
  recommendedSpecialties: 'Recommended specialties',
  doctors: 'Suggested doctors',
  choose: 'Choose',
  chooseDoctor: (name: string) => `I'd like to see ${name}.`,
  rating: (rating: number) => `Rated ${rating.toFixed(1)} out of 5`,
  nextAvailable: (when: string) => `Next available: ${when}`,
  timeSlots: 'Available times',
  chooseSlot: (when: string) => `Book ${when}`,
  slotUnavailable: 'not available',
  pickSlot: (when: string) => `I'd like the ${when} appointment.`,
  confirmation: 'Appointment',
  confirmationStatus: { confirmed: 'Confirmed', pending: 'Pending', cancelled: 'Cancelled' } as Record<
    string,
    string
  >,
  appointmentId: 'Reference',
  with: 'With',
  when: 'When',
  template: { meal: 'Meal plan', workout: 'Workout plan', wellness: 'Wellness plan' } as Record<
    string,
    string
  >,
  templateCreated: 'Plan created',
  suggestionsLabel: 'Suggested questions',
  /** The empty state per AI feature: a short intro and suggested first questions. */
  features: {
    chat: {
      intro: 'Ask the assistant anything about our clinic and your care.',
      suggestions: [
        'What are your opening hours?',
        'How do I prepare for a blood test?',
        'Can I get a repeat prescription?',
      ],
    },
    symptom_checker: {
      intro:
        'Describe your symptoms and get general guidance on how urgently to seek care. It is not a diagnosis.',
      suggestions: [
        'I have had a fever since yesterday',
        'I have a headache and a stiff neck',
        'My child has a rash',
      ],
    },
    doctor_recommendation: {
      intro: 'Tell us what you need help with and we will suggest the right doctor.',
      suggestions: [
        'I need a doctor for back pain',
        'Who can help with skin problems?',
        'A paediatrician for my son',
      ],
    },
    booking_assistant: {
      intro: 'Book, move or cancel an appointment in a few steps.',
      suggestions: ['Book an appointment with a GP', 'I need to see a cardiologist', 'Move my appointment'],
    },
    faq: {
      intro: 'Quick answers about opening hours, parking, insurance and more.',
      suggestions: ['Where can I park?', 'Which insurances do you accept?', 'Are you open on Saturdays?'],
    },
    time_slots: {
      intro: 'Find a free time with the doctor you want.',
      suggestions: ['What times are free tomorrow?', 'Any appointments this Friday morning?'],
    },
    consultation: {
      intro: 'Your coach is here: ask about training, nutrition or recovery.',
      suggestions: [
        'Create a meal plan for this week',
        'A 20-minute workout for beginners',
        'How can I sleep better?',
      ],
    },
  } as Record<string, { intro: string; suggestions: string[] } | undefined>,
};

export type Strings = typeof strings;

/** A table entry by a key that came from outside (a server, an attribute): own keys only, so
 * `constructor` or `__proto__` never reach `Object.prototype`. */
export const entry = <T>(table: Record<string, T>, key: string | number): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
