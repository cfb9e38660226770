import type { Strings } from './types.js';

// French: every string the widget shows or announces. Loaded alone, when the page's language
// asks for it (see ./index.ts).

/** A number with one decimal in the language's digits and separators. */
const decimal = (value: number, locale: string): string =>
  value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const fr: Strings = {
  heading: 'Assistant',
  placeholder: 'Écrivez votre message…',
  inputLabel: 'Message',
  send: 'Envoyer',
  stop: 'Arrêter',
  counter: (length, max) => `${length} / ${max} caractères`,
  retry: 'Réessayer',
  you: 'Vous',
  assistant: 'Assistant',
  system: 'Avis',
  typing: 'L’assistant écrit',
  emptyTitle: 'Comment pouvons-nous vous aider\u00a0?',
  emptyBody: 'Posez une question, l’assistant vous répondra ici.',
  pending: 'En attente d’envoi…',
  failed: 'Non envoyé',
  interrupted: 'Connexion perdue\u00a0: cette réponse a été interrompue.',
  stopped: 'Vous avez arrêté cette réponse.',
  replyFailed: 'Cette réponse n’a pas pu être terminée.',
  offlineNotice: 'Vous êtes hors ligne. Vos messages seront envoyés au retour de la connexion.',
  unauthorizedNotice: 'Votre session a expiré. Reconnectez-vous, puis réessayez.',
  closedNotice: {
    1000: 'Le serveur a mis fin à cette conversation.',
    4403: 'L’accès à cette conversation a été refusé.',
    4404: 'Cette conversation est introuvable.',
  },
  status: {
    idle: 'Non connecté',
    connecting: 'Connexion…',
    connected: 'En ligne',
    reconnecting: 'Reconnexion…',
    offline: 'Hors ligne',
    unauthorized: 'Session expirée',
  },
  reconnectingIn: (seconds) => `Reconnexion dans ${seconds}\u00a0s…`,
  connectionLost: 'Connexion perdue. Reconnexion…',
  reconnected: 'Connexion rétablie.',
  openChat: 'Ouvrir la discussion',
  openChatUnread: (count) => `Ouvrir la discussion, ${count} non lu(s)`,
  closeChat: 'Fermer la discussion',
  urgency: {
    low: 'Urgence faible',
    medium: 'Urgence modérée',
    high: 'Urgence élevée',
    emergency: 'Urgence vitale',
  },
  emergencyNotice: 'Il peut s’agir d’une urgence. Appelez maintenant le numéro d’urgence local.',
  analysis: 'Analyse des symptômes',
  recommendedSpecialties: 'Spécialités recommandées',
  doctors: 'Médecins suggérés',
  choose: 'Choisir',
  chooseDoctor: (name) => `Je voudrais consulter ${name}.`,
  rating: (rating) => `Noté ${decimal(rating, 'fr')} sur 5`,
  nextAvailable: (when) => `Prochaine disponibilité\u00a0: ${when}`,
  timeSlots: 'Créneaux disponibles',
  chooseSlot: (when) => `Réserver ${when}`,
  slotUnavailable: 'indisponible',
  pickSlot: (when) => `Je voudrais le rendez-vous du ${when}.`,
  confirmation: 'Rendez-vous',
  confirmationStatus: { confirmed: 'Confirmé', pending: 'En attente', cancelled: 'Annulé' },
  appointmentId: 'Référence',
  with: 'Avec',
  when: 'Quand',
  template: {
    meal: 'Plan alimentaire',
    workout: 'Programme d’entraînement',
    wellness: 'Programme bien-être',
  },
  templateCreated: 'Programme créé',
  suggestionsLabel: 'Questions suggérées',
  features: {},
};

export default fr;
