// Realistic assistant replies in markdown, per AI feature, chosen by keywords in the user's
// message. Dialect-independent: every dialect streams `markdown` its own way and turns
// `extras` into its own result frames. Medically cautious throughout: general information,
// never a diagnosis.

/** @typedef {'low' | 'medium' | 'high' | 'emergency'} Urgency */
/** @typedef {{recommended_specialties: string[], urgency_level: Urgency}} Analysis */
/** @typedef {{id: string, name: string, specialty: string, rating: number, next_available: string}} DoctorCard */
/** @typedef {{id: string, start: string, end: string, doctor_id: string, available: boolean}} TimeSlot */
/**
 * Structured results next to the text: `analysis` (symptom_checker), `recommendations`
 * (doctor_recommendation), `doctors` and `time_slots` (booking_assistant).
 * @typedef {{analysis?: Analysis, recommendations?: DoctorCard[], doctors?: DoctorCard[], time_slots?: TimeSlot[]}} ReplyExtras
 */
/** @typedef {{markdown: string, extras: ReplyExtras}} Reply */

const CLINIC = 'Riverside Family Clinic';
const SITE = 'https://example.org/riverside';

const DISCLAIMER =
  '> **Please note:** this is general information from an AI assistant, not a diagnosis. ' +
  'It cannot examine you. If you are worried, or your symptoms change, contact a clinician.';

const EMERGENCY_LINE =
  '**If this is an emergency, call your local emergency number (112 / 911 / 999) now.** ' +
  'Do not wait for an appointment or for this chat.';

/**
 * The next weekday `daysAhead` days from now, at hh:mm UTC, as ISO 8601.
 * @param {number} daysAhead
 * @param {number} hour
 * @param {number} minute
 */
function at(daysAhead, hour, minute) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + daysAhead);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}

/** @type {Record<string, {id: string, name: string, specialty: string, rating: number, slot: [number, number, number]}>} */
const DOCTORS = {
  gp: {
    id: 'dr-rossi',
    name: 'Dr. Elena Rossi',
    specialty: 'General Practice',
    rating: 4.9,
    slot: [1, 9, 30],
  },
  gp2: {
    id: 'dr-nakamura',
    name: 'Dr. Kenji Nakamura',
    specialty: 'General Practice',
    rating: 4.7,
    slot: [1, 14, 0],
  },
  cardio: {
    id: 'dr-okafor',
    name: 'Dr. Chidi Okafor',
    specialty: 'Cardiology',
    rating: 4.8,
    slot: [3, 11, 15],
  },
  derm: {
    id: 'dr-lindqvist',
    name: 'Dr. Maja Lindqvist',
    specialty: 'Dermatology',
    rating: 4.7,
    slot: [2, 10, 0],
  },
  neuro: {
    id: 'dr-haddad',
    name: 'Dr. Samir Haddad',
    specialty: 'Neurology',
    rating: 4.8,
    slot: [4, 13, 30],
  },
  peds: { id: 'dr-chen', name: 'Dr. Wei Chen', specialty: 'Pediatrics', rating: 4.9, slot: [1, 8, 45] },
  gastro: {
    id: 'dr-moreau',
    name: 'Dr. Claire Moreau',
    specialty: 'Gastroenterology',
    rating: 4.6,
    slot: [5, 9, 0],
  },
  ortho: {
    id: 'dr-garcia',
    name: 'Dr. Luis García',
    specialty: 'Orthopedics',
    rating: 4.7,
    slot: [2, 15, 30],
  },
  pulmo: { id: 'dr-novak', name: 'Dr. Petra Novak', specialty: 'Pulmonology', rating: 4.6, slot: [3, 8, 30] },
  mental: {
    id: 'dr-adeyemi',
    name: 'Dr. Funmi Adeyemi',
    specialty: 'Psychiatry',
    rating: 4.8,
    slot: [2, 16, 0],
  },
  gp3: { id: 'dr-osei', name: 'Dr. Ama Osei', specialty: 'General Practice', rating: 4.8, slot: [2, 11, 0] },
};

/**
 * @param {keyof typeof DOCTORS} key
 * @returns {DoctorCard}
 */
function doctor(key) {
  const d = DOCTORS[key];
  return { id: d.id, name: d.name, specialty: d.specialty, rating: d.rating, next_available: at(...d.slot) };
}

/** @param {string} iso */
const when = (iso) => {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return `${day}, ${d.toISOString().slice(11, 16)}`;
};

/**
 * @param {string} text
 * @param {(string | RegExp)[]} words
 */
const has = (text, words) => words.some((w) => (typeof w === 'string' ? text.includes(w) : w.test(text)));

/** @param {string} text */
const normalize = (text) => text.toLowerCase().replace(/[\u2018\u2019`]/g, "'");

// ---- symptom checker ------------------------------------------------------------------------

/**
 * The urgency of the user's words: breathing or chest pain -> emergency, fever -> medium.
 * @param {string} text
 * @returns {Urgency}
 */
export function urgencyFor(text) {
  const t = normalize(text);
  if (
    has(t, [
      'chest pain',
      "can't breathe",
      'cannot breathe',
      'can not breathe',
      'difficulty breathing',
      'short of breath',
      'unconscious',
      'stroke',
    ])
  ) {
    return 'emergency';
  }
  if (
    has(t, [
      'severe',
      'bleeding',
      'blood in',
      'up blood',
      'vomiting blood',
      'fainted',
      'confus',
      'stiff neck',
    ])
  ) {
    return 'high';
  }
  if (has(t, ['fever', 'temperature', 'vomit', 'infection'])) return 'medium';
  return 'low';
}

/** @type {Record<Urgency, string>} */
const URGENCY_TEXT = {
  emergency: '🔴 **Emergency** — seek help immediately',
  high: '🟠 **High** — see a doctor today',
  medium: '🟡 **Medium** — book an appointment within 1–2 days',
  low: '🟢 **Low** — self-care is usually enough; book a visit if it persists',
};

/**
 * @param {string} title
 * @param {Urgency} urgency
 * @param {string[]} causes
 * @param {string[]} selfCare
 * @param {string[]} seekCare
 */
function triage(title, urgency, causes, selfCare, seekCare) {
  return [
    `## ${title}`,
    '',
    `**Urgency:** ${URGENCY_TEXT[urgency]}`,
    '',
    urgency === 'emergency'
      ? `${EMERGENCY_LINE}\n`
      : 'Thank you for describing your symptoms. Here is what they often point to.\n',
    '### Common causes',
    '',
    ...causes.map((c) => `- ${c}`),
    '',
    '### What you can do now',
    '',
    ...selfCare.map((c, i) => `${i + 1}. ${c}`),
    '',
    '### When to seek care',
    '',
    ...seekCare.map((c) => `- ${c}`),
    '',
    DISCLAIMER,
    '',
  ].join('\n');
}

/**
 * @param {string} userText
 * @returns {Reply}
 */
function symptomChecker(userText) {
  const t = normalize(userText);
  const urgency = urgencyFor(userText);
  /**
   * @param {string[]} specialties
   * @param {string} markdown
   */
  const out = (specialties, markdown) => ({
    markdown,
    extras: { analysis: { recommended_specialties: specialties, urgency_level: urgency } },
  });

  if (urgency === 'emergency') {
    return out(
      ['Emergency Medicine', 'Cardiology'],
      triage(
        'Possible emergency',
        urgency,
        [
          '**Chest pain** or **trouble breathing** can come from the heart or the lungs and needs to be checked _in person, now_',
          'Other causes (muscle strain, reflux, anxiety) are common too — but only an examination can tell them apart',
        ],
        [
          'Stop what you are doing and sit down',
          'Call emergency services, or ask someone near you to call',
          'If you have been prescribed nitroglycerin or an inhaler, use it as instructed',
          'Unlock the door and keep your phone with you',
        ],
        [
          '**Now:** pain that spreads to the arm, jaw or back, sweating, nausea, or lips turning blue',
          '**Now:** you cannot speak in full sentences because of breathlessness',
        ],
      ),
    );
  }
  if (has(t, ['headache', 'migraine', 'head hurts'])) {
    return out(
      ['Neurology', 'General Practice'],
      triage(
        'Headache',
        urgency,
        [
          '**Tension-type headache** — a band-like pressure, often with stress or poor sleep',
          '**Migraine** — throbbing, often one-sided, with sensitivity to light or sound',
          '**Dehydration** or skipped meals',
          'Too much screen time or caffeine withdrawal',
        ],
        [
          'Drink a large glass of water and rest in a quiet, dim room',
          'A standard dose of an over-the-counter pain reliever can help — follow the leaflet',
          'Note when headaches start and what you were doing: a _headache diary_ helps your doctor',
        ],
        [
          '**Call emergency services** for a sudden, "worst ever" headache, or one with weakness, confusion or trouble speaking',
          'See a doctor **today** with a headache plus fever and a stiff neck',
          'Book a visit if headaches come more than twice a week or wake you at night',
        ],
      ),
    );
  }
  if (has(t, ['fever', 'temperature', 'flu', 'chills'])) {
    return out(
      ['General Practice', 'Infectious Disease'],
      triage(
        'Fever',
        urgency,
        [
          '**Viral infections** such as a cold or flu — by far the most common cause',
          '**Bacterial infections** (ear, throat, urinary tract) that may need treatment',
          'A reaction after a recent vaccination (usually mild and short-lived)',
        ],
        [
          'Rest and drink plenty of fluids — water, broth, diluted juice',
          'Paracetamol (acetaminophen) or ibuprofen can bring the temperature down; follow the dose on the pack',
          'Check your temperature morning and evening and write it down',
        ],
        [
          'A temperature of **39.4 °C (103 °F)** or higher, or a fever lasting more than **3 days**',
          'A rash that does not fade when you press a glass against it — **seek care immediately**',
          'For babies under 3 months, **any** fever needs a doctor the same day',
        ],
      ),
    );
  }
  if (has(t, ['cough', 'cold', 'sore throat', 'runny nose', 'congest'])) {
    return out(
      ['General Practice', 'Pulmonology'],
      triage(
        'Cough and cold symptoms',
        urgency,
        [
          '**Common cold** — usually better within 7–10 days',
          '**Post-viral cough**, which can linger for up to 3 weeks',
          'Allergies, especially with itchy eyes and sneezing',
        ],
        [
          'Warm drinks with honey can soothe a cough (_not_ for children under 1)',
          'Rest, fluids, and saline nasal spray for congestion',
          'Avoid smoke and stay home while you have a fever',
        ],
        [
          'Breathlessness, chest pain, or coughing up blood — **seek care promptly**',
          'A cough that lasts more than **3 weeks**',
          'Symptoms that improve and then get worse again',
        ],
      ),
    );
  }
  if (has(t, ['stomach', 'belly', 'abdomen', 'abdominal', 'nausea', 'vomit', 'diarrh'])) {
    return out(
      ['Gastroenterology', 'General Practice'],
      triage(
        'Stomach complaints',
        urgency,
        [
          '**Gastroenteritis** ("stomach bug") — usually settles in 2–3 days',
          'Food intolerance, or something you ate',
          'Reflux or indigestion, often worse after large meals',
        ],
        [
          'Sip small amounts of water or an oral rehydration solution often',
          'Eat plain foods (toast, rice, bananas) once you feel ready',
          'Avoid alcohol, coffee and fatty food for a day or two',
        ],
        [
          'Severe pain, especially in the lower right side, or a hard, swollen belly',
          'Blood in vomit or stool, or black stools — **seek care today**',
          'Signs of dehydration: very little urine, dizziness, a dry mouth',
        ],
      ),
    );
  }
  if (has(t, ['rash', 'itch', 'skin', 'spots', 'hives'])) {
    return out(
      ['Dermatology', 'General Practice'],
      triage(
        'Skin rash',
        urgency,
        [
          '**Contact dermatitis** — a reaction to soap, detergent, jewellery or plants',
          '**Eczema**, often dry and itchy patches in skin folds',
          'A viral rash, sometimes with a mild fever',
        ],
        [
          'Wash the area with lukewarm water and a fragrance-free cleanser',
          'Use a plain moisturiser; avoid scratching (keep nails short)',
          'Think about anything new: a cream, a washing powder, a medicine',
        ],
        [
          'Swelling of the lips, tongue or face, or trouble breathing — **call emergency services**',
          'A rash that spreads fast, blisters, or comes with a fever',
          'Any rash that does not improve within a week',
        ],
      ),
    );
  }
  if (has(t, ['back', 'neck', 'joint', 'knee', 'shoulder', 'sprain'])) {
    return out(
      ['Orthopedics', 'Physiotherapy'],
      triage(
        'Back and joint pain',
        urgency,
        [
          '**Muscle strain** after lifting, sport or a long day at a desk',
          'Joint stiffness that eases as you move',
          'Less often, a trapped nerve — pain that runs down an arm or a leg',
        ],
        [
          'Keep gently active: short walks are better than bed rest',
          'Heat packs for stiffness, cold packs (wrapped) for a fresh injury',
          'Over-the-counter pain relief can help you keep moving',
        ],
        [
          'Numbness around the groin, or new trouble controlling the bladder or bowel — **emergency**',
          'Pain after a fall or an accident',
          'Pain that has not improved after **2 weeks** of self-care',
        ],
      ),
    );
  }
  return out(
    ['General Practice'],
    triage(
      'Your symptoms',
      urgency,
      [
        'Many short-lived symptoms come from **minor viral illnesses**, stress or poor sleep',
        'I need a few more details to be more specific: _where_ it is, _how long_ it has lasted, and _how severe_ it is (0–10)',
      ],
      [
        'Rest, drink water and keep a note of how you feel over the next day',
        'Tell me more — for example: "a sore throat for three days, mild fever"',
      ],
      [
        'Symptoms that are getting worse, or new symptoms appearing',
        'Anything that worries you — a nurse at the clinic can advise by phone',
      ],
    ),
  );
}

// ---- booking assistant ----------------------------------------------------------------------

/**
 * @param {keyof typeof DOCTORS} key
 * @returns {TimeSlot[]}
 */
function slotsFor(key) {
  const d = DOCTORS[key];
  const [days, hour, minute] = d.slot;
  return [0, 45, 120].map((offset, i) => {
    const start = new Date(at(days, hour, minute));
    start.setUTCMinutes(start.getUTCMinutes() + offset);
    const end = new Date(start.getTime() + 20 * 60_000);
    return {
      id: `${d.id}-slot-${i + 1}`,
      start: start.toISOString(),
      end: end.toISOString(),
      doctor_id: d.id,
      available: true,
    };
  });
}

/**
 * @param {string} userText
 * @returns {Reply}
 */
function bookingAssistant(userText) {
  const t = normalize(userText);
  if (has(t, ['cancel', 'reschedul', 'move my', 'change my'])) {
    return {
      markdown: [
        '## Changing an appointment',
        '',
        'I can help you **cancel** or **move** an existing appointment.',
        '',
        '1. Tell me the date of the appointment you want to change',
        '2. I will show the free times with the same doctor',
        '3. Pick one, and I will confirm the change by e-mail',
        '',
        'Cancellations are free up to **24 hours** before the visit. Later cancellations may be charged — see our',
        `[cancellation policy](${SITE}/policies#cancellations).`,
        '',
      ].join('\n'),
      extras: {},
    };
  }
  /** @type {(keyof typeof DOCTORS)[]} */
  let keys = ['gp', 'gp2'];
  let what = 'a general check-up';
  if (has(t, ['skin', 'derma', 'mole', 'rash'])) [keys, what] = [['derm', 'gp'], 'a dermatology visit'];
  else if (has(t, ['child', /\bkids?\b/, /\bsons?\b/, 'daughter', 'baby', 'pediatr', 'paediatr'])) {
    [keys, what] = [['peds', 'gp'], "your child's visit"];
  } else if (has(t, ['heart', 'cardio', 'blood pressure']))
    [keys, what] = [['cardio', 'gp'], 'a cardiology consultation'];
  else if (has(t, ['back', 'knee', 'joint', 'ortho']))
    [keys, what] = [['ortho', 'gp'], 'an orthopedic assessment'];

  const doctors = keys.map(doctor);
  const slots = keys.flatMap(slotsFor);
  const rows = slots.map((s) => {
    const d = doctors.find((doc) => doc.id === s.doctor_id);
    return `| ${d?.name ?? ''} | ${d?.specialty ?? ''} | ${when(s.start)} | 20 min |`;
  });
  return {
    markdown: [
      `## Available appointments`,
      '',
      `Here are the next free times for **${what}** at ${CLINIC}:`,
      '',
      '| Doctor | Specialty | Time (UTC) | Length |',
      '|---|---|---|---|',
      ...rows,
      '',
      '### Next steps',
      '',
      '1. Choose a doctor and a time — reply with, for example, _"Book the first one"_',
      '2. Have your **insurance card** ready; we will ask for the number',
      '3. You will get a confirmation by e-mail and a reminder the day before',
      '',
      `Need an interpreter or step-free access? Add it in your reply, or see [visiting the clinic](${SITE}/visit).`,
      '',
    ].join('\n'),
    extras: { doctors, time_slots: slots },
  };
}

// ---- doctor recommendation ------------------------------------------------------------------

/**
 * @param {string} userText
 * @returns {Reply}
 */
function doctorRecommendation(userText) {
  const t = normalize(userText);
  /** @type {[(keyof typeof DOCTORS)[], string]} */
  let [keys, reason] = [['gp', 'gp2', 'peds'], 'general health questions and first assessments'];
  if (has(t, ['heart', 'chest', 'palpitation', 'blood pressure'])) {
    [keys, reason] = [['cardio', 'gp'], 'heart rhythm, blood pressure and chest symptoms'];
  } else if (has(t, ['skin', 'rash', 'mole', 'acne', 'eczema'])) {
    [keys, reason] = [['derm', 'gp'], 'skin conditions, moles and rashes'];
  } else if (has(t, ['headache', 'migraine', 'dizz', 'numbness'])) {
    [keys, reason] = [['neuro', 'gp'], 'headaches, dizziness and nerve symptoms'];
  } else if (has(t, ['stomach', 'gut', 'reflux', 'bowel', 'digest'])) {
    [keys, reason] = [['gastro', 'gp'], 'digestion, reflux and bowel symptoms'];
  } else if (has(t, ['back', 'knee', 'joint', 'sport', 'bone'])) {
    [keys, reason] = [['ortho', 'gp'], 'joints, bones and sports injuries'];
  } else if (has(t, ['anxi', 'depress', 'stress', 'sleep', 'mood'])) {
    [keys, reason] = [['mental', 'gp'], 'mood, anxiety, stress and sleep'];
  } else if (has(t, ['child', /\bkids?\b/, 'baby', /\bsons?\b/, 'daughter'])) {
    [keys, reason] = [['peds', 'gp'], "children's health from birth to 16"];
  }
  const recommendations = keys.map(doctor);
  return {
    markdown: [
      '## Recommended doctors',
      '',
      `Based on what you told me, these doctors see patients for **${reason}**:`,
      '',
      ...recommendations.map(
        (d, i) =>
          `${i + 1}. **${d.name}** — ${d.specialty}, rated ${d.rating.toFixed(1)}/5. Next free: _${when(d.next_available)} UTC_`,
      ),
      '',
      'Each doctor below can be booked directly. If you are not sure whom to see, start with **General Practice**:',
      'your GP can refer you to a specialist if needed.',
      '',
      '> Recommendations are based on specialty and availability only. They are not a medical judgement.',
      '',
    ].join('\n'),
    extras: { recommendations },
  };
}

// ---- FAQ ------------------------------------------------------------------------------------

const HOURS_TABLE = [
  '| Day | Opening hours |',
  '|---|---|',
  '| Monday – Thursday | 08:00 – 19:00 |',
  '| Friday | 08:00 – 17:00 |',
  '| Saturday | 09:00 – 13:00 (walk-in only) |',
  '| Sunday & public holidays | Closed — call **111** for urgent advice |',
].join('\n');

/**
 * @param {string} userText
 * @returns {Reply}
 */
function faq(userText) {
  const t = normalize(userText);
  /** @param {string[]} lines */
  const out = (lines) => ({ markdown: `${lines.join('\n')}\n`, extras: {} });
  if (has(t, ['hour', 'open', 'close', 'weekend', 'saturday', 'sunday', 'holiday'])) {
    return out([
      '## Opening hours',
      '',
      HOURS_TABLE,
      '',
      'The phone line opens at **07:30** on weekdays. Blood tests are taken until 11:00.',
      `Holiday hours are posted on our [opening hours page](${SITE}/hours).`,
    ]);
  }
  if (has(t, ['park', /\bcar\b/, /\bbus\b/, 'train', 'get there', 'address', 'direction'])) {
    return out([
      '## Getting here',
      '',
      `${CLINIC}, 12 River Lane.`,
      '',
      '- **Parking:** free for patients for up to 2 hours in the car park behind the clinic; 4 accessible bays by the entrance',
      '- **Bus:** lines 4 and 17 stop at _River Lane_, a 2-minute walk',
      '- **Bike:** covered racks at the front door',
      '',
      `See the [map and directions](${SITE}/visit#directions).`,
    ]);
  }
  if (has(t, ['insur', 'pay', 'cost', 'price', 'bill', /\bfees?\b/])) {
    return out([
      '## Insurance and payment',
      '',
      'We work with most public and private insurers. Please bring your **insurance card** to every visit.',
      '',
      '| Service | Without insurance |',
      '|---|---|',
      '| GP consultation (20 min) | €65 |',
      '| Specialist consultation | from €110 |',
      '| Vaccination (excluding vaccine) | €25 |',
      '',
      `Questions about a bill? Write to [billing@example.org](mailto:billing@example.org) or read the [payment FAQ](${SITE}/payment).`,
    ]);
  }
  if (has(t, ['prescription', 'refill', 'repeat', 'medication', 'pharmacy'])) {
    return out([
      '## Repeat prescriptions',
      '',
      '1. Request it in the patient portal or at the front desk',
      '2. Allow **2 working days** for the doctor to review it',
      '3. Collect it at the pharmacy you chose — we send it electronically',
      '',
      '_Some medicines need a review visit first; we will contact you if so._',
      `Details: [prescriptions](${SITE}/prescriptions).`,
    ]);
  }
  if (has(t, ['vaccin', 'flu shot', 'jab', 'travel'])) {
    return out([
      '## Vaccinations',
      '',
      '- **Seasonal flu:** October to January, walk-in on Saturday mornings',
      '- **Travel vaccines:** book a travel consultation at least **6 weeks** before you leave',
      "- **Children's vaccines:** follow the national schedule; bring the vaccination booklet",
      '',
      `See the [vaccination calendar](${SITE}/vaccinations).`,
    ]);
  }
  return out([
    `## About ${CLINIC}`,
    '',
    'Here are the questions patients ask most:',
    '',
    HOURS_TABLE,
    '',
    '- **Parking:** free for patients (2 hours), behind the clinic',
    '- **Insurance:** most public and private insurers accepted',
    '- **New patients:** register online or at the front desk with an ID and your insurance card',
    '',
    `More answers in our [patient FAQ](${SITE}/faq). Ask me anything else!`,
  ]);
}

// ---- general chat ---------------------------------------------------------------------------

/**
 * @param {string} userText
 * @returns {Reply}
 */
function chat(userText) {
  const t = normalize(userText);
  /** @param {string[]} lines */
  const out = (lines) => ({ markdown: `${lines.join('\n')}\n`, extras: {} });
  if (has(t, [/\b(code|coding|javascript|typescript|js|python|api|json|sql|html|css|regex|programming)\b/])) {
    return out([
      'Sure — here is a small example that asks the clinic API for free appointment times:',
      '',
      '```js',
      "const response = await fetch('/api/v1/slots?specialty=general-practice', {",
      '  headers: { Authorization: `Bearer ${token}` },',
      '});',
      'if (!response.ok) throw new Error(`HTTP ${response.status}`);',
      'const { slots } = await response.json();',
      'for (const slot of slots) console.log(slot.start, slot.doctor);',
      '```',
      '',
      'A few notes:',
      '',
      '1. Keep the **token** out of URLs and logs',
      '2. Times are ISO 8601 in **UTC** — convert them for display',
      "3. Handle `429 Too Many Requests` by waiting for the `Retry-After` header's seconds",
      '',
      'And the same in Python, if you prefer:',
      '',
      '```python',
      'import requests',
      '',
      'slots = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10).json()["slots"]',
      '```',
    ]);
  }
  if (has(t, [/^(hi|hello|hey|good (morning|afternoon|evening))\b/])) {
    return out([
      `Hello! 👋 I'm the ${CLINIC} assistant.`,
      '',
      'I can help you with:',
      '',
      '1. **Symptoms** — general guidance on what to do next',
      '2. **Appointments** — finding a free time with the right doctor',
      '3. **Practical questions** — opening hours, parking, insurance',
      '',
      "_What can I do for you today?_ For emergencies, please call your local emergency number — I'm not able to help in real time.",
    ]);
  }
  if (has(t, ['sleep', 'insomnia', 'tired'])) {
    return out([
      'Good sleep is one of the most effective things you can do for your health. A few **evidence-based habits**:',
      '',
      '1. Keep the _same wake-up time_ every day, weekends included',
      '2. Get daylight within an hour of waking',
      '3. Avoid caffeine after **2 pm** and heavy meals late in the evening',
      '4. Keep the bedroom cool, dark and quiet; screens off 30 minutes before bed',
      '',
      '> "Sleep is the best meditation." — _Dalai Lama_',
      '',
      'If you have trouble sleeping most nights for more than **3 weeks**, or you snore loudly and feel tired during the day,',
      `talk to your GP. Our [sleep leaflet](${SITE}/leaflets/sleep) has more tips.`,
    ]);
  }
  if (has(t, ['diet', /\beat(ing)?\b/, 'food', 'nutrition', 'weight'])) {
    return out([
      "There's no single perfect diet, but most guidelines agree on a few **basics**:",
      '',
      '- Fill **half your plate** with vegetables and fruit',
      '- Choose _whole grains_ over refined ones',
      '- Prefer water to sugary drinks',
      '- Eat fish, beans or nuts a few times a week',
      '',
      'Small, steady changes work better than strict plans. If you have a condition such as diabetes or kidney disease,',
      `ask for a referral to our dietitian — see [nutrition services](${SITE}/services#nutrition).`,
    ]);
  }
  if (has(t, ['exercise', 'workout', /\brun(ning)?\b/, 'fitness', 'active'])) {
    return out([
      'Adults are advised to get **150 minutes of moderate activity** a week — about 30 minutes, 5 days a week — plus',
      'muscle-strengthening exercise on **2 days**.',
      '',
      '1. Start small: a 10-minute brisk walk counts',
      '2. Pick something you _enjoy_ — you are more likely to keep it up',
      '3. Increase gradually, by about 10% a week',
      '',
      '> If you have a heart condition, chest pain on exertion, or have not exercised for a long time, check with your doctor first.',
    ]);
  }
  if (has(t, ['stress', 'anxi', 'worried', 'panic', 'overwhelm'])) {
    return out([
      "I'm sorry you're feeling this way. **Stress and anxiety are very common**, and there is help.",
      '',
      'Some things that help many people:',
      '',
      '1. Slow breathing: in for 4 seconds, out for 6, for two minutes',
      '2. A short walk outside',
      '3. Talking to someone you trust',
      '',
      `Our clinic offers counselling — see [mental health support](${SITE}/services#mental-health).`,
      '',
      '> **If you are thinking about harming yourself, please call your local emergency number or a crisis line now.**',
    ]);
  }
  return out([
    `Thanks for your message. I'm the **${CLINIC}** assistant — here is how I can help:`,
    '',
    '1. Answer _general_ health questions (I cannot diagnose)',
    '2. Help you find and book an appointment',
    '3. Explain our services, opening hours and prices',
    '',
    `You can also read our [patient guide](${SITE}/guide) or call the front desk on **+1 555 0100**.`,
    '',
    '> Tip: for symptoms, the **Symptom checker** gives a structured answer with an urgency level.',
  ]);
}

/**
 * A realistic reply for an AI feature (snake_case id) and the user's message. Features without
 * a dedicated writer (semantic_search, time_slots, …) get a general chat reply.
 * @param {string} feature
 * @param {string} userText
 * @returns {Reply}
 */
export function replyFor(feature, userText) {
  switch (feature) {
    case 'symptom_checker':
      return symptomChecker(userText);
    case 'booking_assistant':
    case 'time_slots':
      return bookingAssistant(userText);
    case 'doctor_recommendation':
      return doctorRecommendation(userText);
    case 'faq':
      return faq(userText);
    default:
      return chat(userText);
  }
}

/**
 * A long reply (about 8 KB) with every kind of block: headings, lists, a table, a quote, code.
 * @returns {Reply}
 */
export function longReply() {
  const topics = [
    [
      'Before your visit',
      'Write down your symptoms, when they started, and what makes them better or worse.',
    ],
    ['Medicines', 'Bring a list of every medicine you take, including vitamins and herbal remedies.'],
    [
      'Questions',
      'Note your three most important questions; doctors have limited time and want to answer them.',
    ],
    ['Results', 'Ask how and when you will get test results, and whom to call if you do not hear back.'],
    [
      'After the visit',
      'Read the visit summary in the patient portal and book any follow-up before you leave.',
    ],
    ['Bringing someone', 'A relative or friend can take notes and help you remember what was said.'],
    ['Accessibility', 'Tell us in advance if you need an interpreter, step-free access or a longer slot.'],
    ['Children', "Bring the child's vaccination booklet and any growth charts from previous visits."],
  ];
  /** @type {string[]} */
  const parts = [`# Your complete guide to a visit at ${CLINIC}`, ''];
  let n = 0;
  while (parts.join('\n').length < 8000) {
    const [title, text] = topics[n % topics.length];
    n++;
    parts.push(
      `## ${n}. ${title}`,
      '',
      `${text} This is **part ${n}** of the guide; _take your time_ to read it.`,
      '',
      `- Tip ${n}.1: arrive **10 minutes** early to check in`,
      `- Tip ${n}.2: bring your insurance card and a photo ID`,
      `- Tip ${n}.3: see [the checklist](${SITE}/guide#part-${n}) for more`,
      '',
      n % 3 === 0
        ? '| What | Where |\n|---|---|\n| Check-in | Ground floor |\n| Blood tests | Room 4 |\n| Pharmacy | Next door |\n'
        : `> ${text}\n`,
    );
  }
  parts.push('```text', `End of guide: ${n} parts.`, '```', '', DISCLAIMER, '');
  return { markdown: parts.join('\n'), extras: {} };
}

// ---- booking dialect: doctors -> time slots -> confirmation ----------------------------------

/** @typedef {{id: string, start: string, end: string, doctor_id: string, available: boolean}} BookingSlot */

/**
 * The booking assistant's answer to a free-text message: a short text and three doctors to choose
 * from (by the specialty the words suggest), or, for a change or cancellation, text only.
 * @param {string} userText
 * @returns {Reply & {doctors: DoctorCard[]}}
 */
export function bookingIntro(userText) {
  const t = normalize(userText);
  if (has(t, ['cancel', 'reschedul', 'move my', 'change my'])) {
    return { ...bookingAssistant(userText), doctors: [] };
  }
  /** @type {[(keyof typeof DOCTORS)[], string]} */
  let [keys, what] = [['gp', 'gp2', 'gp3'], 'a general check-up'];
  if (has(t, ['skin', 'derma', 'mole', 'rash']))
    [keys, what] = [['derm', 'gp', 'gp2'], 'a dermatology visit'];
  else if (has(t, ['child', /\bkids?\b/, /\bsons?\b/, 'daughter', 'baby', 'pediatr', 'paediatr'])) {
    [keys, what] = [['peds', 'gp', 'gp3'], "your child's visit"];
  } else if (has(t, ['heart', 'cardio', 'blood pressure'])) {
    [keys, what] = [['cardio', 'gp', 'gp2'], 'a cardiology consultation'];
  } else if (has(t, ['back', 'knee', 'joint', 'ortho'])) {
    [keys, what] = [['ortho', 'gp', 'gp3'], 'an orthopedic assessment'];
  }
  const doctors = keys.map(doctor);
  return {
    markdown: [
      `Happy to help you book **${what}** at ${CLINIC}.`,
      '',
      `These ${doctors.length} doctors have free appointments this week. Choose one to see their times —`,
      `the earliest is **${doctors[0].name}**, _${when(doctors[0].next_available)} UTC_.`,
      '',
    ].join('\n'),
    extras: {},
    doctors,
  };
}

/** @param {string} id */
const doctorKey = (id) =>
  /** @type {(keyof typeof DOCTORS) | undefined} */ (
    Object.keys(DOCTORS).find((k) => DOCTORS[/** @type {keyof typeof DOCTORS} */ (k)].id === id)
  );

/**
 * A doctor of the clinic by id (`dr-rossi`), as a card, or null.
 * @param {string} id
 * @returns {DoctorCard | null}
 */
export function bookingDoctor(id) {
  const key = doctorKey(id);
  return key ? doctor(key) : null;
}

/**
 * The doctor's next free times: 4 to 6 slots of 20 minutes over two days, a few already taken.
 * Slot ids are `{doctor id}-{yyyymmdd}T{hhmm}` so any of them can be found again.
 * @param {string} doctorId
 * @returns {BookingSlot[]}
 */
export function bookingSlots(doctorId) {
  const key = doctorKey(doctorId);
  if (!key) return [];
  const [days, hour, minute] = DOCTORS[key].slot;
  const count = 4 + (doctorId.length % 3);
  const offsets = [0, 40, 80, 24 * 60 - 60, 24 * 60, 24 * 60 + 100].slice(0, count);
  return offsets.map((offset, i) => {
    const start = new Date(at(days, hour, minute));
    start.setUTCMinutes(start.getUTCMinutes() + offset);
    const end = new Date(start.getTime() + 20 * 60_000);
    const stamp = start.toISOString().replace(/[-:]/g, '').slice(0, 13);
    return {
      id: `${doctorId}-${stamp}`,
      start: start.toISOString(),
      end: end.toISOString(),
      doctor_id: doctorId,
      available: i !== 1 && i !== 4,
    };
  });
}

/**
 * A slot by its id (see bookingSlots), or null when the id names no doctor and time.
 * @param {string} slotId
 * @returns {BookingSlot | null}
 */
export function bookingSlot(slotId) {
  const match = /^(.+)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/.exec(slotId);
  if (!match || !doctorKey(match[1])) return null;
  const known = bookingSlots(match[1]).find((s) => s.id === slotId);
  if (known) return known;
  const [, doctorId, y, mo, d, h, mi] = match;
  const start = new Date(`${y}-${mo}-${d}T${h}:${mi}:00.000Z`);
  if (Number.isNaN(start.getTime())) return null;
  const end = new Date(start.getTime() + 20 * 60_000).toISOString();
  return { id: slotId, start: start.toISOString(), end, doctor_id: doctorId, available: true };
}

/**
 * @param {DoctorCard} doc
 * @param {BookingSlot[]} slots
 * @returns {Reply}
 */
export function bookingSlotsReply(doc, slots) {
  const free = slots.filter((s) => s.available);
  return {
    markdown: [
      `**${doc.name}** (${doc.specialty}, rated ${doc.rating.toFixed(1)}/5) has **${free.length} free times** in the next days.`,
      '',
      `Times are in UTC; greyed-out ones were just taken. Pick one and I will book it — visits are **20 minutes**.`,
      '',
    ].join('\n'),
    extras: {},
  };
}

/**
 * @param {DoctorCard} doc
 * @param {BookingSlot} slot
 * @returns {Reply}
 */
export function bookingConfirmedReply(doc, slot) {
  return {
    markdown: [
      `✅ You're booked with **${doc.name}** on **${when(slot.start)} UTC**.`,
      '',
      '- A confirmation e-mail is on its way, and we will remind you the day before',
      '- Please arrive **10 minutes early** and bring your insurance card',
      `- Need to change it? Just tell me, or see our [cancellation policy](${SITE}/policies#cancellations)`,
      '',
    ].join('\n'),
    extras: {},
  };
}

/**
 * @param {DoctorCard} doc
 * @returns {Reply}
 */
export function bookingTakenReply(doc) {
  return {
    markdown: `Sorry — that time with **${doc.name}** was just taken by another patient. Here are the times that are still free:\n`,
    extras: {},
  };
}

/**
 * An avatar for a doctor: an SVG with the initials on a colour of the doctor's own (served by
 * the booking dialect, so the demo loads no third-party image).
 * @param {string} doctorId
 * @returns {string | null}
 */
export function doctorAvatarSvg(doctorId) {
  const doc = bookingDoctor(doctorId);
  if (!doc) return null;
  const initials = doc.name
    .replace(/^Dr\.\s*/, '')
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2);
  const hue = [...doctorId].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 360;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">',
    `<circle cx="48" cy="48" r="48" fill="hsl(${hue} 55% 45%)"/>`,
    `<text x="48" y="60" font-family="system-ui, sans-serif" font-size="34" font-weight="600" fill="#fff" text-anchor="middle">${initials}</text>`,
    '</svg>',
  ].join('');
}

// ---- consultation dialect: FitIQ, a fitness & nutrition coach -----------------------------

/** @typedef {{type: 'meal' | 'workout' | 'wellness', name: string, description: string}} PlanTemplate */

const COACH_NOTE =
  '> FitIQ gives general fitness and nutrition guidance, not medical advice. ' +
  'If you have a health condition, are pregnant or take medication, check with your doctor first.';

/**
 * The plan the user asks for, if any: a plan word (`plan`, `program`, `routine`, …) and a meal,
 * workout or wellness word.
 * @param {string} userText
 * @returns {PlanTemplate | null}
 */
export function planTemplateFor(userText) {
  const t = normalize(userText);
  if (!has(t, [/\bplans?\b/, /\bprogram(me)?s?\b/, 'routine', 'schedule', 'template'])) return null;
  if (has(t, ['meal', 'diet', 'nutrition', /\beat(ing)?\b/, 'calorie', 'food', 'protein'])) {
    return has(t, ['lose', 'weight', 'fat', 'calorie'])
      ? {
          type: 'meal',
          name: '1800 Calorie Weight Loss Plan',
          description: 'Balanced meal plan for gradual weight loss',
        }
      : {
          type: 'meal',
          name: 'High-Protein Balanced Meal Plan',
          description: 'Three meals and two snacks with about 120 g of protein a day',
        };
  }
  if (
    has(t, ['workout', 'exercise', 'training', 'strength', 'gym', /\brun(ning)?\b/, '5k', 'muscle', 'cardio'])
  ) {
    return has(t, [/\brun(ning)?\b/, '5k', 'cardio'])
      ? {
          type: 'workout',
          name: 'Beginner 5K Running Plan',
          description: 'Three runs a week for eight weeks',
        }
      : {
          type: 'workout',
          name: '3-Day Full-Body Strength Plan',
          description: 'Compound lifts on Monday, Wednesday and Friday',
        };
  }
  if (has(t, ['sleep', 'stress', 'wellness', 'recover', 'mindful', 'meditat', 'relax'])) {
    return has(t, ['sleep', 'recover'])
      ? {
          type: 'wellness',
          name: 'Better Sleep & Recovery Routine',
          description: 'An evening wind-down and a steady wake-up time',
        }
      : {
          type: 'wellness',
          name: 'Daily Stress Reset',
          description: 'Ten minutes of breathing, movement and journaling',
        };
  }
  return null;
}

/** @type {Record<PlanTemplate['type'], string[]>} */
const PLAN_BODIES = {
  meal: [
    '| Meal | What to eat | Approx. kcal |',
    '|---|---|---|',
    '| Breakfast | Greek yoghurt, oats, berries, a spoon of nuts | 400 |',
    '| Snack | An apple and a boiled egg | 150 |',
    '| Lunch | Chicken or tofu, quinoa, a big salad with olive oil | 550 |',
    '| Snack | Hummus with carrot and cucumber sticks | 200 |',
    '| Dinner | Salmon or lentils, roasted vegetables, brown rice | 500 |',
    '',
    '**Tips:** drink water with every meal, keep protein at each meal, and aim for a **slow loss of 0.5 kg a week**.',
  ],
  workout: [
    '| Day | Session | Sets × reps |',
    '|---|---|---|',
    '| Monday | Squat, push-up, dumbbell row | 3 × 8–10 |',
    '| Wednesday | Deadlift, overhead press, lunge | 3 × 8 |',
    '| Friday | Goblet squat, bench press, plank | 3 × 10 / 45 s |',
    '',
    '1. Warm up for **5–10 minutes** first',
    '2. Add a little weight when the last set feels easy',
    '3. Rest at least one day between sessions',
  ],
  wellness: [
    '1. **Same wake-up time** every day, weekends included',
    '2. **Daylight** within an hour of waking — a 10-minute walk is perfect',
    '3. **Caffeine cut-off** at 2 pm',
    '4. **Wind down** for 30 minutes: dim lights, no screens, slow breathing (in 4 s, out 6 s)',
    '5. Note your energy each morning from 1 to 5 — we will review it next week',
  ],
};

/**
 * FitIQ's reply to a user message; asks for a plan get the plan (and `extras.template`).
 * @param {string} userText
 * @returns {Reply & {template: PlanTemplate | null}}
 */
export function consultationReply(userText) {
  const t = normalize(userText);
  const template = planTemplateFor(userText);
  /** @param {string[]} lines */
  const out = (lines) => ({ markdown: `${lines.join('\n')}\n`, extras: {}, template });
  if (template) {
    return out([
      `## ${template.name}`,
      '',
      `Here is your plan — _${template.description.toLowerCase()}_. I have saved it to your templates too.`,
      '',
      ...PLAN_BODIES[template.type],
      '',
      COACH_NOTE,
    ]);
  }
  if (has(t, [/^(hi|hello|hey|good (morning|afternoon|evening))\b/])) {
    return out([
      "Hi! I'm your **FitIQ coach** 💪",
      '',
      'Tell me about your goal — for example _"I want to lose weight"_, _"build strength"_ or _"sleep better"_ —',
      'and I can put together a **meal**, **workout** or **wellness** plan for you.',
    ]);
  }
  if (has(t, ['lose weight', 'weight loss', 'fat loss', 'lose fat', 'slim'])) {
    return out([
      'I can help you with that! Sustainable weight loss comes down to a few habits:',
      '',
      '1. A **moderate calorie deficit** — about 300–500 kcal a day below what you burn',
      '2. **Protein at every meal** (1.6 g per kg of body weight) to keep you full and protect muscle',
      '3. **Strength training** twice a week, plus daily walking (7–10k steps)',
      '4. **Sleep** 7–9 hours: short sleep makes hunger harder to manage',
      '',
      'Want me to create a **personalized meal plan**? Just say _"make me a meal plan"_.',
      '',
      COACH_NOTE,
    ]);
  }
  if (has(t, ['muscle', 'strength', 'stronger', 'gym', 'lift'])) {
    return out([
      'Building strength is all about **progressive overload**: doing a little more over time.',
      '',
      '- Train each muscle group **2× a week**',
      '- Focus on compound lifts: squat, hinge, push, pull',
      '- Eat enough protein and sleep well — that is when muscles recover',
      '',
      'Ask me for a _"workout plan"_ and I will build a 3-day program for you.',
    ]);
  }
  if (has(t, ['protein', 'carb', 'macro', 'calorie', 'diet', 'nutrition', 'eat'])) {
    return out([
      'A good starting point for most active adults:',
      '',
      '| Nutrient | Daily target |',
      '|---|---|',
      '| Protein | 1.6–2.2 g per kg body weight |',
      '| Fat | 0.8–1 g per kg |',
      '| Carbohydrates | the rest of your calories, mostly whole grains, fruit and vegetables |',
      '| Water | 30–35 ml per kg |',
      '',
      '_Small, consistent changes beat strict diets._ Want a **meal plan** built on these numbers?',
    ]);
  }
  if (has(t, ['sleep', 'stress', 'tired', 'recover', 'sore'])) {
    return out([
      'Recovery is where progress happens. A few things that help most:',
      '',
      '1. Keep a **regular sleep schedule** and a cool, dark bedroom',
      '2. Take **rest days** — light walks or mobility work count',
      '3. Try two minutes of slow breathing when stress builds up',
      '',
      'I can create a **wellness routine** for you: ask for a _"sleep routine"_ or a _"stress plan"_.',
    ]);
  }
  return out([
    "Thanks for sharing! To give you the best advice I'd like to know a bit more:",
    '',
    '1. What is your **main goal** — weight loss, strength, endurance or feeling better day to day?',
    '2. How many days a week can you **train**?',
    '3. Any **injuries**, health conditions or foods you avoid?',
    '',
    'With that, I can create a meal, workout or wellness plan tailored to you.',
  ]);
}

// ---- hybrid dialect: history sync ---------------------------------------------------------

/**
 * The user's earlier messages, sent on every connect: the same ids and times each time.
 * @param {string} user
 * @param {number} start when the earlier conversation began (ms since the epoch)
 * @returns {{id: string, role: 'user' | 'assistant', content: string, timestamp: string}[]}
 */
export function hybridHistory(user, start) {
  const id = (/** @type {number} */ n) => `hist-${encodeURIComponent(user)}-${n}`;
  const time = (/** @type {number} */ minutes) => new Date(start + minutes * 60_000).toISOString();
  return [
    {
      id: id(1),
      role: 'assistant',
      content: `Hi! I'm the ${CLINIC} assistant. How can I help?`,
      timestamp: time(0),
    },
    { id: id(2), role: 'user', content: 'Are you open on Saturday?', timestamp: time(1) },
    {
      id: id(3),
      role: 'assistant',
      content: 'Yes — on **Saturdays** we are open **09:00–13:00**, walk-in only.',
      timestamp: time(2),
    },
  ];
}
