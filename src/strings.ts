import type { ActivityState } from './conversation/types.js';
import type { Status } from './transport/status.js';

// Every string the widget shows or announces, in one place: English, Spanish, French, German
// and Arabic built in, chosen from `lang`; the `strings` property overrides any of them.

/** English: the reference language (every other one has exactly these keys). */
export const en = {
  heading: 'Assistant',
  placeholder: 'Type your message…',
  inputLabel: 'Message',
  send: 'Send',
  stop: 'Stop',
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
  stopped: 'You stopped this reply.',
  replyFailed: 'This reply could not be completed.',
  /** The status text of `connected` for a dialect that keeps no connection open (one HTTP request per turn). */
  ready: 'Ready',
  /** The label of a reply's list of tools the agent ran. */
  activityLabel: 'Tools used',
  /** A tool line's state. */
  activityState: { running: 'Running…', done: 'Done', failed: 'Failed' } as Record<ActivityState, string>,
  /** A tool line whose tool has no name. */
  activityUnnamed: 'Tool',
  /** The summary of a tool's arguments or result (`show-tool-details`). */
  toolDetails: 'Details',
  /** The summary of a reply's reasoning (`reasoning="collapsed"`). */
  reasoning: 'Reasoning',
  /** The title of the links a reply cites. */
  sources: 'Sources',
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
  } as Record<Status, string>,
  reconnectingIn: (seconds: number) => `Reconnecting in ${seconds} s…`,
  /** Announced (assertively) when a live connection drops. */
  connectionLost: 'Connection lost. Reconnecting…',
  /** Announced (politely) when the connection is back after a loss. */
  reconnected: 'Connected again.',
  /** The launcher button (`mode="launcher"`). */
  openChat: 'Open chat',
  openChatUnread: (count: number) => `Open chat, ${count} unread`,
  closeChat: 'Close chat',
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

export type Strings = typeof en;

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

/** A number in the language's digits and separators (`1,5` in German, `١٫٥` in Arabic). */
const number = (locale: string, digits?: number) => (value: number) =>
  value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

const es: Strings = {
  heading: 'Asistente',
  placeholder: 'Escribe tu mensaje…',
  inputLabel: 'Mensaje',
  send: 'Enviar',
  stop: 'Detener',
  counter: (length, max) => `${length} / ${max} caracteres`,
  retry: 'Reintentar',
  you: 'Tú',
  assistant: 'Asistente',
  notice: 'Aviso',
  typing: 'El asistente está escribiendo',
  emptyTitle: '¿En qué podemos ayudarte?',
  emptyBody: 'Haz una pregunta y el asistente te responderá aquí.',
  pending: 'Pendiente de envío…',
  failed: 'No enviado',
  interrupted: 'Conexión perdida: esta respuesta se interrumpió.',
  stopped: 'Detuviste esta respuesta.',
  replyFailed: 'No se pudo completar esta respuesta.',
  ready: 'Listo',
  activityLabel: 'Herramientas usadas',
  activityState: { running: 'En curso…', done: 'Hecho', failed: 'Error' },
  activityUnnamed: 'Herramienta',
  toolDetails: 'Detalles',
  reasoning: 'Razonamiento',
  sources: 'Fuentes',
  offlineNotice: 'Estás sin conexión. Los mensajes que escribas se enviarán cuando vuelva la conexión.',
  unauthorizedNotice: 'Tu sesión ha caducado. Vuelve a iniciar sesión y reintenta.',
  closedNotice: {
    1000: 'El servidor ha finalizado esta conversación.',
    4403: 'Se ha denegado el acceso a esta conversación.',
    4404: 'No se ha encontrado esta conversación.',
  },
  status: {
    idle: 'Desconectado',
    connecting: 'Conectando…',
    connected: 'En línea',
    reconnecting: 'Reconectando…',
    offline: 'Sin conexión',
    unauthorized: 'Sesión caducada',
  },
  reconnectingIn: (seconds) => `Reconectando en ${seconds} s…`,
  connectionLost: 'Se ha perdido la conexión. Reconectando…',
  reconnected: 'Conexión restablecida.',
  openChat: 'Abrir el chat',
  openChatUnread: (count) => `Abrir el chat, ${count} sin leer`,
  closeChat: 'Cerrar el chat',
  urgency: {
    low: 'Urgencia baja',
    medium: 'Urgencia media',
    high: 'Urgencia alta',
    emergency: 'Emergencia',
  },
  emergencyNotice: 'Esto puede ser una emergencia. Llama ahora a tu número local de emergencias (112 / 911).',
  analysis: 'Análisis de síntomas',
  recommendedSpecialties: 'Especialidades recomendadas',
  doctors: 'Médicos sugeridos',
  choose: 'Elegir',
  chooseDoctor: (name) => `Quiero pedir cita con ${name}.`,
  rating: (rating) => `Valoración: ${number('es', 1)(rating)} de 5`,
  nextAvailable: (when) => `Próxima cita libre: ${when}`,
  timeSlots: 'Horarios disponibles',
  chooseSlot: (when) => `Reservar ${when}`,
  slotUnavailable: 'no disponible',
  pickSlot: (when) => `Quiero la cita del ${when}.`,
  confirmation: 'Cita',
  confirmationStatus: { confirmed: 'Confirmada', pending: 'Pendiente', cancelled: 'Cancelada' },
  appointmentId: 'Referencia',
  with: 'Con',
  when: 'Cuándo',
  template: { meal: 'Plan de comidas', workout: 'Plan de entrenamiento', wellness: 'Plan de bienestar' },
  templateCreated: 'Plan creado',
  suggestionsLabel: 'Preguntas sugeridas',
  features: {
    chat: {
      intro: 'Pregunta al asistente lo que quieras sobre nuestra clínica y tu atención.',
      suggestions: [
        '¿Cuál es vuestro horario?',
        '¿Cómo me preparo para un análisis de sangre?',
        '¿Puedo renovar una receta?',
      ],
    },
    symptom_checker: {
      intro:
        'Describe tus síntomas y recibe orientación general sobre la urgencia con la que buscar atención. No es un diagnóstico.',
      suggestions: [
        'Tengo fiebre desde ayer',
        'Tengo dolor de cabeza y rigidez en el cuello',
        'Mi hijo tiene una erupción',
      ],
    },
    doctor_recommendation: {
      intro: 'Cuéntanos qué necesitas y te sugeriremos el médico adecuado.',
      suggestions: [
        'Necesito un médico para el dolor de espalda',
        '¿Quién puede ayudarme con problemas de piel?',
        'Un pediatra para mi hijo',
      ],
    },
    booking_assistant: {
      intro: 'Reserva, cambia o cancela una cita en pocos pasos.',
      suggestions: ['Pedir cita con medicina general', 'Necesito ver a un cardiólogo', 'Cambiar mi cita'],
    },
    faq: {
      intro: 'Respuestas rápidas sobre horarios, aparcamiento, seguros y más.',
      suggestions: ['¿Dónde puedo aparcar?', '¿Qué seguros aceptáis?', '¿Abrís los sábados?'],
    },
    time_slots: {
      intro: 'Encuentra un hueco libre con el médico que quieras.',
      suggestions: ['¿Qué horas quedan libres mañana?', '¿Hay citas este viernes por la mañana?'],
    },
    consultation: {
      intro: 'Tu entrenador está aquí: pregunta sobre entrenamiento, nutrición o recuperación.',
      suggestions: [
        'Crea un plan de comidas para esta semana',
        'Un entrenamiento de 20 minutos para principiantes',
        '¿Cómo puedo dormir mejor?',
      ],
    },
  },
};

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
  notice: 'Avis',
  typing: 'L’assistant écrit',
  emptyTitle: 'Comment pouvons-nous vous aider\u00a0?',
  emptyBody: 'Posez une question, l’assistant vous répondra ici.',
  pending: 'En attente d’envoi…',
  failed: 'Non envoyé',
  interrupted: 'Connexion perdue\u00a0: cette réponse a été interrompue.',
  stopped: 'Vous avez arrêté cette réponse.',
  replyFailed: 'Cette réponse n’a pas pu être terminée.',
  ready: 'Prêt',
  activityLabel: 'Outils utilisés',
  activityState: { running: 'En cours…', done: 'Terminé', failed: 'Échec' },
  activityUnnamed: 'Outil',
  toolDetails: 'Détails',
  reasoning: 'Raisonnement',
  sources: 'Sources',
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
  emergencyNotice: 'Il peut s’agir d’une urgence. Appelez maintenant le numéro d’urgence local (112 / 911).',
  analysis: 'Analyse des symptômes',
  recommendedSpecialties: 'Spécialités recommandées',
  doctors: 'Médecins suggérés',
  choose: 'Choisir',
  chooseDoctor: (name) => `Je voudrais consulter ${name}.`,
  rating: (rating) => `Noté ${number('fr', 1)(rating)} sur 5`,
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
  features: {
    chat: {
      intro: 'Posez à l’assistant toutes vos questions sur notre cabinet et vos soins.',
      suggestions: [
        'Quels sont vos horaires\u00a0?',
        'Comment me préparer à une prise de sang\u00a0?',
        'Puis-je renouveler une ordonnance\u00a0?',
      ],
    },
    symptom_checker: {
      intro: 'Décrivez vos symptômes pour savoir avec quelle urgence consulter. Ce n’est pas un diagnostic.',
      suggestions: [
        'J’ai de la fièvre depuis hier',
        'J’ai mal à la tête et la nuque raide',
        'Mon enfant a une éruption cutanée',
      ],
    },
    doctor_recommendation: {
      intro: 'Dites-nous ce dont vous avez besoin, nous vous proposerons le bon médecin.',
      suggestions: [
        'Je cherche un médecin pour un mal de dos',
        'Qui peut m’aider pour un problème de peau\u00a0?',
        'Un pédiatre pour mon fils',
      ],
    },
    booking_assistant: {
      intro: 'Prenez, déplacez ou annulez un rendez-vous en quelques étapes.',
      suggestions: [
        'Prendre rendez-vous avec un généraliste',
        'Je dois voir un cardiologue',
        'Déplacer mon rendez-vous',
      ],
    },
    faq: {
      intro: 'Des réponses rapides sur les horaires, le stationnement, les assurances et plus.',
      suggestions: [
        'Où puis-je me garer\u00a0?',
        'Quelles assurances acceptez-vous\u00a0?',
        'Êtes-vous ouverts le samedi\u00a0?',
      ],
    },
    time_slots: {
      intro: 'Trouvez un créneau libre avec le médecin de votre choix.',
      suggestions: ['Quels créneaux sont libres demain\u00a0?', 'Des rendez-vous vendredi matin\u00a0?'],
    },
    consultation: {
      intro:
        'Votre coach est là\u00a0: posez vos questions sur l’entraînement, la nutrition ou la récupération.',
      suggestions: [
        'Crée un plan de repas pour cette semaine',
        'Une séance de 20 minutes pour débutants',
        'Comment mieux dormir\u00a0?',
      ],
    },
  },
};

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
  notice: 'Hinweis',
  typing: 'Der Assistent schreibt',
  emptyTitle: 'Wie können wir helfen?',
  emptyBody: 'Stellen Sie eine Frage – der Assistent antwortet hier.',
  pending: 'Wartet auf Versand…',
  failed: 'Nicht gesendet',
  interrupted: 'Verbindung verloren: Diese Antwort wurde unterbrochen.',
  stopped: 'Sie haben diese Antwort gestoppt.',
  replyFailed: 'Diese Antwort konnte nicht abgeschlossen werden.',
  ready: 'Bereit',
  activityLabel: 'Verwendete Werkzeuge',
  activityState: { running: 'Läuft…', done: 'Fertig', failed: 'Fehlgeschlagen' },
  activityUnnamed: 'Werkzeug',
  toolDetails: 'Details',
  reasoning: 'Überlegungen',
  sources: 'Quellen',
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
  emergencyNotice: 'Das könnte ein Notfall sein. Rufen Sie jetzt den Notruf an (112 / 911).',
  analysis: 'Symptomanalyse',
  recommendedSpecialties: 'Empfohlene Fachrichtungen',
  doctors: 'Vorgeschlagene Ärztinnen und Ärzte',
  choose: 'Auswählen',
  chooseDoctor: (name) => `Ich möchte einen Termin bei ${name}.`,
  rating: (rating) => `Bewertet mit ${number('de', 1)(rating)} von 5`,
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
  features: {
    chat: {
      intro: 'Fragen Sie den Assistenten alles zu unserer Praxis und Ihrer Behandlung.',
      suggestions: [
        'Wann haben Sie geöffnet?',
        'Wie bereite ich mich auf eine Blutabnahme vor?',
        'Kann ich ein Folgerezept bekommen?',
      ],
    },
    symptom_checker: {
      intro:
        'Beschreiben Sie Ihre Beschwerden und erfahren Sie allgemein, wie dringend Sie Hilfe brauchen. Das ist keine Diagnose.',
      suggestions: [
        'Ich habe seit gestern Fieber',
        'Ich habe Kopfschmerzen und einen steifen Nacken',
        'Mein Kind hat einen Ausschlag',
      ],
    },
    doctor_recommendation: {
      intro: 'Sagen Sie uns, wobei Sie Hilfe brauchen, und wir schlagen die passende Praxis vor.',
      suggestions: [
        'Ich brauche einen Arzt wegen Rückenschmerzen',
        'Wer hilft bei Hautproblemen?',
        'Eine Kinderärztin für meinen Sohn',
      ],
    },
    booking_assistant: {
      intro: 'Termine in wenigen Schritten buchen, verschieben oder absagen.',
      suggestions: [
        'Einen Termin beim Hausarzt buchen',
        'Ich muss zu einem Kardiologen',
        'Meinen Termin verschieben',
      ],
    },
    faq: {
      intro: 'Schnelle Antworten zu Öffnungszeiten, Parken, Versicherungen und mehr.',
      suggestions: [
        'Wo kann ich parken?',
        'Welche Versicherungen akzeptieren Sie?',
        'Haben Sie samstags offen?',
      ],
    },
    time_slots: {
      intro: 'Finden Sie einen freien Termin bei Ihrer Wunschpraxis.',
      suggestions: ['Welche Termine sind morgen frei?', 'Gibt es Termine am Freitagvormittag?'],
    },
    consultation: {
      intro: 'Ihr Coach ist da: Fragen Sie zu Training, Ernährung oder Regeneration.',
      suggestions: [
        'Erstelle einen Ernährungsplan für diese Woche',
        'Ein 20-Minuten-Training für Anfänger',
        'Wie kann ich besser schlafen?',
      ],
    },
  },
};

const ar: Strings = {
  heading: 'المساعد',
  placeholder: 'اكتب رسالتك…',
  inputLabel: 'الرسالة',
  send: 'إرسال',
  stop: 'إيقاف',
  counter: (length, max) => `${number('ar')(length)} / ${number('ar')(max)} حرفًا`,
  retry: 'إعادة المحاولة',
  you: 'أنت',
  assistant: 'المساعد',
  notice: 'تنبيه',
  typing: 'المساعد يكتب',
  emptyTitle: 'كيف يمكننا مساعدتك؟',
  emptyBody: 'اطرح سؤالك وسيجيبك المساعد هنا.',
  pending: 'في انتظار الإرسال…',
  failed: 'لم تُرسل',
  interrupted: 'انقطع الاتصال: توقف هذا الرد قبل اكتماله.',
  stopped: 'أوقفتَ هذا الرد.',
  replyFailed: 'تعذّر إكمال هذا الرد.',
  ready: 'جاهز',
  activityLabel: 'الأدوات المستخدمة',
  activityState: { running: 'قيد التشغيل…', done: 'اكتمل', failed: 'فشل' },
  activityUnnamed: 'أداة',
  toolDetails: 'التفاصيل',
  reasoning: 'الاستدلال',
  sources: 'المصادر',
  offlineNotice: 'أنت غير متصل. ستُرسل رسائلك عند عودة الاتصال.',
  unauthorizedNotice: 'انتهت صلاحية جلستك. سجّل الدخول مجددًا ثم أعد المحاولة.',
  closedNotice: {
    1000: 'أنهى الخادم هذه المحادثة.',
    4403: 'تم رفض الوصول إلى هذه المحادثة.',
    4404: 'لم يتم العثور على هذه المحادثة.',
  },
  status: {
    idle: 'غير متصل',
    connecting: 'جارٍ الاتصال…',
    connected: 'متصل',
    reconnecting: 'جارٍ إعادة الاتصال…',
    offline: 'دون اتصال',
    unauthorized: 'انتهت الجلسة',
  },
  reconnectingIn: (seconds) => `إعادة الاتصال خلال ${number('ar')(seconds)} ث…`,
  connectionLost: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  reconnected: 'عاد الاتصال.',
  openChat: 'فتح المحادثة',
  openChatUnread: (count) => `فتح المحادثة، رسائل غير مقروءة: ${number('ar')(count)}`,
  closeChat: 'إغلاق المحادثة',
  urgency: {
    low: 'أولوية منخفضة',
    medium: 'أولوية متوسطة',
    high: 'أولوية عالية',
    emergency: 'حالة طارئة',
  },
  emergencyNotice: 'قد تكون هذه حالة طارئة. اتصل الآن برقم الطوارئ المحلي (112 / 911).',
  analysis: 'تحليل الأعراض',
  recommendedSpecialties: 'التخصصات الموصى بها',
  doctors: 'أطباء مقترحون',
  choose: 'اختيار',
  chooseDoctor: (name) => `أود حجز موعد مع ${name}.`,
  rating: (rating) => `التقييم ${number('ar', 1)(rating)} من ${number('ar')(5)}`,
  nextAvailable: (when) => `أقرب موعد متاح: ${when}`,
  timeSlots: 'المواعيد المتاحة',
  chooseSlot: (when) => `حجز ${when}`,
  slotUnavailable: 'غير متاح',
  pickSlot: (when) => `أود حجز موعد ${when}.`,
  confirmation: 'الموعد',
  confirmationStatus: { confirmed: 'مؤكد', pending: 'قيد الانتظار', cancelled: 'ملغى' },
  appointmentId: 'المرجع',
  with: 'مع',
  when: 'الوقت',
  template: { meal: 'خطة غذائية', workout: 'خطة تمارين', wellness: 'خطة عافية' },
  templateCreated: 'تم إنشاء الخطة',
  suggestionsLabel: 'أسئلة مقترحة',
  features: {
    chat: {
      intro: 'اسأل المساعد عن أي شيء يخص عيادتنا ورعايتك.',
      suggestions: ['ما هي مواعيد العمل؟', 'كيف أستعد لتحليل الدم؟', 'هل يمكنني تجديد وصفة طبية؟'],
    },
    symptom_checker: {
      intro: 'صف أعراضك لتحصل على إرشادات عامة حول مدى إلحاح طلب الرعاية. هذا ليس تشخيصًا.',
      suggestions: ['أعاني من الحمى منذ أمس', 'أعاني من صداع وتيبّس في الرقبة', 'يعاني طفلي من طفح جلدي'],
    },
    doctor_recommendation: {
      intro: 'أخبرنا بما تحتاج إليه وسنقترح عليك الطبيب المناسب.',
      suggestions: ['أحتاج إلى طبيب لآلام الظهر', 'من يمكنه مساعدتي في مشاكل الجلد؟', 'طبيب أطفال لابني'],
    },
    booking_assistant: {
      intro: 'احجز موعدًا أو غيّره أو ألغه في خطوات قليلة.',
      suggestions: ['حجز موعد مع طبيب عام', 'أحتاج إلى زيارة طبيب قلب', 'تغيير موعدي'],
    },
    faq: {
      intro: 'إجابات سريعة عن مواعيد العمل والمواقف والتأمين وغير ذلك.',
      suggestions: ['أين يمكنني ركن سيارتي؟', 'ما شركات التأمين التي تقبلونها؟', 'هل تفتحون يوم السبت؟'],
    },
    time_slots: {
      intro: 'ابحث عن موعد متاح مع الطبيب الذي تريده.',
      suggestions: ['ما المواعيد المتاحة غدًا؟', 'هل توجد مواعيد صباح الجمعة؟'],
    },
    consultation: {
      intro: 'مدربك هنا: اسأل عن التمارين أو التغذية أو التعافي.',
      suggestions: ['أنشئ خطة وجبات لهذا الأسبوع', 'تمرين لمدة 20 دقيقة للمبتدئين', 'كيف يمكنني تحسين نومي؟'],
    },
  },
};

/** The built-in languages, by primary language subtag. */
export const languages: Readonly<Record<string, Strings>> = { en, es, fr, de, ar };

/** The English strings (kept under their old name). */
export const strings = en;

/** Languages written right to left, by primary subtag. */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** `es` for `es-MX`, `''` for no language. */
export const primaryLanguage = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';

/** Whether a built-in language serves this tag. */
export const isBuiltIn = (tag: string): boolean => Object.hasOwn(languages, primaryLanguage(tag));

/** The writing direction of a language tag. */
export const directionOf = (tag: string): 'ltr' | 'rtl' => (RTL.has(primaryLanguage(tag)) ? 'rtl' : 'ltr');

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The strings for a language tag (English when there is no built-in one), with `override`
 * merged over them: a key replaces the built-in one, and a table (`status`, `features`, …) is
 * merged entry by entry.
 */
export function stringsFor(tag: string, override?: StringsOverride | null): Strings {
  const base = languages[primaryLanguage(tag)] ?? en;
  if (!isTable(override)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    if (!Object.hasOwn(base, key)) continue;
    const value = (override as Record<string, unknown>)[key];
    const current = merged[key];
    if (typeof value !== typeof current) continue;
    merged[key] = isTable(current) && isTable(value) ? { ...current, ...value } : value;
  }
  return merged as Strings;
}

/** A table entry by a key that came from outside (a server, an attribute): own keys only, so
 * `constructor` or `__proto__` never reach `Object.prototype`. */
export const entry = <T>(table: Record<string, T>, key: string | number): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
