import type { Strings } from './types.js';

// Arabic: every string the widget shows or announces. Loaded alone, when the page's language
// asks for it (see ./index.ts).

/** A number in Arabic digits (`١٢`); with one decimal (`٤٫٥`) for ratings. */
const digits = (value: number): string => value.toLocaleString('ar');
const decimal = (value: number, locale: string): string =>
  value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const ar: Strings = {
  heading: 'المساعد',
  placeholder: 'اكتب رسالتك…',
  inputLabel: 'الرسالة',
  send: 'إرسال',
  stop: 'إيقاف',
  counter: (length, max) => `${digits(length)} / ${digits(max)} حرفًا`,
  retry: 'إعادة المحاولة',
  you: 'أنت',
  assistant: 'المساعد',
  system: 'تنبيه',
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
  reconnectingIn: (seconds) => `إعادة الاتصال خلال ${digits(seconds)} ث…`,
  connectionLost: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  reconnected: 'عاد الاتصال.',
  openChat: 'فتح المحادثة',
  openChatUnread: (count) => `فتح المحادثة، رسائل غير مقروءة: ${digits(count)}`,
  closeChat: 'إغلاق المحادثة',
  urgency: {
    low: 'أولوية منخفضة',
    medium: 'أولوية متوسطة',
    high: 'أولوية عالية',
    emergency: 'حالة طارئة',
  },
  emergencyNotice: 'قد تكون هذه حالة طارئة. اتصل الآن برقم الطوارئ المحلي.',
  analysis: 'تحليل الأعراض',
  recommendedSpecialties: 'التخصصات الموصى بها',
  doctors: 'أطباء مقترحون',
  choose: 'اختيار',
  chooseDoctor: (name) => `أود حجز موعد مع ${name}.`,
  rating: (rating) => `التقييم ${decimal(rating, 'ar')} من ${digits(5)}`,
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
  features: {},
};

export default ar;
