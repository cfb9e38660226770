import type { Strings } from './types.js';

// German: every string the widget shows or announces. Loaded alone, when the page's language
// asks for it (see ./index.ts).

/** A number with one decimal in the language's digits and separators. */
const decimal = (value: number, locale: string): string =>
  value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const de: Strings = {
  heading: 'Assistent',
  placeholder: 'Nachricht eingeben…',
  inputLabel: 'Nachricht',
  send: 'Senden',
  stop: 'Stoppen',
  counter: (length, max) => `${length} / ${max} Zeichen`,
  retry: 'Erneut versuchen',
  you: 'Sie',
  assistant: 'Assistent',
  system: 'Hinweis',
  typing: 'Der Assistent schreibt',
  emptyTitle: 'Wie können wir helfen?',
  emptyBody: 'Stellen Sie eine Frage – der Assistent antwortet hier.',
  pending: 'Wartet auf Versand…',
  failed: 'Nicht gesendet',
  interrupted: 'Verbindung verloren: Diese Antwort wurde unterbrochen.',
  stopped: 'Sie haben diese Antwort gestoppt.',
  replyFailed: 'Diese Antwort konnte nicht abgeschlossen werden.',
  offlineNotice: 'Sie sind offline. Ihre Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  unauthorizedNotice: 'Ihre Sitzung ist abgelaufen. Melden Sie sich neu an und versuchen Sie es erneut.',
  closedNotice: {
    1000: 'Der Server hat dieses Gespräch beendet.',
    4403: 'Der Zugriff auf dieses Gespräch wurde verweigert.',
    4404: 'Dieses Gespräch wurde nicht gefunden.',
  },
  status: {
    idle: 'Nicht verbunden',
    connecting: 'Verbinde…',
    connected: 'Online',
    reconnecting: 'Verbinde erneut…',
    offline: 'Offline',
    unauthorized: 'Sitzung abgelaufen',
  },
  reconnectingIn: (seconds) => `Neuer Versuch in ${seconds} s…`,
  connectionLost: 'Verbindung verloren. Verbinde erneut…',
  reconnected: 'Verbindung wiederhergestellt.',
  openChat: 'Chat öffnen',
  openChatUnread: (count) => `Chat öffnen, ${count} ungelesen`,
  closeChat: 'Chat schließen',
  urgency: {
    low: 'Geringe Dringlichkeit',
    medium: 'Mittlere Dringlichkeit',
    high: 'Hohe Dringlichkeit',
    emergency: 'Notfall',
  },
  emergencyNotice: 'Das könnte ein Notfall sein. Rufen Sie jetzt den örtlichen Notruf an.',
  analysis: 'Symptomanalyse',
  recommendedSpecialties: 'Empfohlene Fachrichtungen',
  doctors: 'Vorgeschlagene Ärztinnen und Ärzte',
  choose: 'Auswählen',
  chooseDoctor: (name) => `Ich möchte einen Termin bei ${name}.`,
  rating: (rating) => `Bewertet mit ${decimal(rating, 'de')} von 5`,
  nextAvailable: (when) => `Nächster freier Termin: ${when}`,
  timeSlots: 'Freie Termine',
  chooseSlot: (when) => `${when} buchen`,
  slotUnavailable: 'nicht verfügbar',
  pickSlot: (when) => `Ich möchte den Termin am ${when}.`,
  confirmation: 'Termin',
  confirmationStatus: { confirmed: 'Bestätigt', pending: 'Ausstehend', cancelled: 'Storniert' },
  appointmentId: 'Referenz',
  with: 'Bei',
  when: 'Wann',
  template: { meal: 'Ernährungsplan', workout: 'Trainingsplan', wellness: 'Wohlfühlplan' },
  templateCreated: 'Plan erstellt',
  suggestionsLabel: 'Vorgeschlagene Fragen',
  features: {},
};

export default de;
