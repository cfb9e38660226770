import type { StringsOverride } from '../i18n/types.js';

/**
 * The clinic example's copy, for the `strings` property: the empty state of each AI feature of
 * the demo clinic (an intro and suggested first questions) and an emergency notice that names the
 * emergency numbers, in each built-in language. The widget's built-in strings stay generic; a
 * clinic loads this (or writes its own the same way):
 *
 * ```js
 * import { clinic } from 'ai-chat-element/presets/clinic';
 * chat.strings = clinic[chat.closest('[lang]')?.lang.slice(0, 2)] ?? clinic.en;
 * ```
 */
export const clinic: Readonly<Record<'en' | 'es' | 'fr' | 'de' | 'ar', StringsOverride>> = {
  en: {
    emergencyNotice: 'This may be an emergency. Call your local emergency number (112 / 911) now.',
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
    },
  },
  es: {
    emergencyNotice:
      'Esto puede ser una emergencia. Llama ahora a tu número local de emergencias (112 / 911).',
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
  },
  fr: {
    emergencyNotice:
      'Il peut s’agir d’une urgence. Appelez maintenant le numéro d’urgence local (112 / 911).',
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
        intro:
          'Décrivez vos symptômes pour savoir avec quelle urgence consulter. Ce n’est pas un diagnostic.',
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
  },
  de: {
    emergencyNotice: 'Das könnte ein Notfall sein. Rufen Sie jetzt den Notruf an (112 / 911).',
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
  },
  ar: {
    emergencyNotice: 'قد تكون هذه حالة طارئة. اتصل الآن برقم الطوارئ المحلي (112 / 911).',
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
        suggestions: [
          'أنشئ خطة وجبات لهذا الأسبوع',
          'تمرين لمدة 20 دقيقة للمبتدئين',
          'كيف يمكنني تحسين نومي؟',
        ],
      },
    },
  },
};

/** The clinic copy for a language tag (`es-MX` → Spanish), English when there is none. */
export const clinicStrings = (lang: string): StringsOverride =>
  clinic[lang.trim().toLowerCase().slice(0, 2) as keyof typeof clinic] ?? clinic.en;
