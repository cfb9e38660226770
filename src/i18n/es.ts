import type { Strings } from './types.js';

// Spanish: every string the widget shows or announces. Loaded alone, when the page's language
// asks for it (see ./index.ts).

/** A number with one decimal in the language's digits and separators. */
const decimal = (value: number, locale: string): string =>
  value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

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
  system: 'Aviso',
  typing: 'El asistente está escribiendo',
  emptyTitle: '¿En qué podemos ayudarte?',
  emptyBody: 'Haz una pregunta y el asistente te responderá aquí.',
  pending: 'Pendiente de envío…',
  failed: 'No enviado',
  interrupted: 'Conexión perdida: esta respuesta se interrumpió.',
  stopped: 'Detuviste esta respuesta.',
  replyFailed: 'No se pudo completar esta respuesta.',
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
  emergencyNotice: 'Esto puede ser una emergencia. Llama ahora a tu número local de emergencias.',
  analysis: 'Análisis de síntomas',
  recommendedSpecialties: 'Especialidades recomendadas',
  doctors: 'Médicos sugeridos',
  choose: 'Elegir',
  chooseDoctor: (name) => `Quiero pedir cita con ${name}.`,
  rating: (rating) => `Valoración: ${decimal(rating, 'es')} de 5`,
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
  features: {},
};

export default es;
