import { html, nothing, type TemplateResult } from 'lit';
import type { Card, Doctor, TimeSlot } from '../protocol/types.js';
import { entry, type Strings } from '../i18n/index.js';

/** A choice on a card: the element fires `ai-chat-action` and, unless cancelled, sends it. */
export interface CardAction {
  action: string;
  value: string;
  /** The readable message sent for this choice. */
  label: string;
  metadata: Record<string, unknown>;
}

export interface CardContext {
  strings: Strings;
  /** BCP 47 locale for dates and times (undefined: the browser's). */
  locale?: string;
  choose(action: CardAction): void;
}

// Cards are built from structured data only: every field is rendered as text by Lit,
// whatever the server put in it. Never markdown, never HTML. A card is a labelled group, not a
// landmark: a conversation can hold many cards of one kind.

/** A date-time from the server, formatted for the reader; unparseable text is shown as is. */
export function formatWhen(value: string, locale?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

function doctorsCard(doctors: readonly Doctor[], c: CardContext): TemplateResult {
  const s = c.strings;
  return html`<div role="group" part="card doctors" class="card" aria-label=${s.doctors}>
    <h3 part="card-title" class="card-title">${s.doctors}</h3>
    <ul class="card-list">
      ${doctors.map(
        (doctor) =>
          html`<li part="card-item" class="card-item">
            <span class="card-item-main">
              <strong>${doctor.name}</strong>
              ${doctor.specialty ? html`<span class="muted">${doctor.specialty}</span>` : nothing}
              ${doctor.rating !== undefined ? html`<span class="muted">${s.rating(doctor.rating)}</span>` : nothing}
              ${
                doctor.nextAvailable
                  ? html`<span class="muted"
                      >${s.nextAvailable(formatWhen(doctor.nextAvailable, c.locale))}</span
                    >`
                  : nothing
              }
            </span>
            <button
              part="action"
              type="button"
              class="action"
              aria-label=${`${s.choose} ${doctor.name}`}
              @click=${() =>
                c.choose({
                  action: 'select_doctor',
                  value: doctor.id,
                  label: s.chooseDoctor(doctor.name),
                  metadata: { action: 'select_doctor', doctor_id: doctor.id },
                })}
            >
              ${s.choose}
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}

function slotsCard(slots: readonly TimeSlot[], c: CardContext): TemplateResult {
  const s = c.strings;
  return html`<div role="group" part="card time-slots" class="card" aria-label=${s.timeSlots}>
    <h3 part="card-title" class="card-title">${s.timeSlots}</h3>
    <div class="chips">
      ${slots.map((slot) => {
        const when = formatWhen(slot.start, c.locale);
        const unavailable = slot.available === false;
        return html`<button
          part="action slot"
          type="button"
          class="action slot"
          ?disabled=${unavailable}
          aria-label=${unavailable ? `${when}, ${s.slotUnavailable}` : s.chooseSlot(when)}
          @click=${() =>
            c.choose({
              action: 'select_time_slot',
              value: slot.id,
              label: s.pickSlot(when),
              metadata: { action: 'select_time_slot', time_slot_id: slot.id },
            })}
        >
          ${when}
        </button>`;
      })}
    </div>
  </div>`;
}

function confirmationCard(
  card: Extract<Card, { kind: 'booking-confirmation' }>,
  c: CardContext,
): TemplateResult {
  const s = c.strings;
  const status = entry(s.confirmationStatus, card.status.toLowerCase()) ?? card.status;
  return html`<div role="group" part="card confirmation" class="card" aria-label=${s.confirmation}>
    <h3 part="card-title" class="card-title">${s.confirmation}: ${status}</h3>
    <dl class="facts">
      ${
        card.doctor
          ? html`<dt>${s.with}</dt>
              <dd>${card.doctor}</dd>`
          : nothing
      }
      ${
        card.start
          ? html`<dt>${s.when}</dt>
              <dd>${formatWhen(card.start, c.locale)}</dd>`
          : nothing
      }
      <dt>${s.appointmentId}</dt>
      <dd>${card.appointmentId}</dd>
    </dl>
  </div>`;
}

function templateCard(card: Extract<Card, { kind: 'template' }>, c: CardContext): TemplateResult {
  const s = c.strings;
  const kind = entry(s.template, card.templateType.toLowerCase()) ?? card.templateType;
  return html`<div
    role="group"
    part="card template"
    class="card"
    data-type=${card.templateType}
    aria-label=${s.templateCreated}
  >
    <p part="card-kind" class="card-kind muted">${s.templateCreated}: ${kind}</p>
    <h3 part="card-title" class="card-title">${card.name}</h3>
    ${card.description ? html`<p class="card-text">${card.description}</p>` : nothing}
  </div>`;
}

function analysisCard(card: Extract<Card, { kind: 'symptom-analysis' }>, c: CardContext): TemplateResult {
  const s = c.strings;
  const level = card.urgency.toLowerCase();
  const label = entry(s.urgency, level) ?? card.urgency;
  return html`<div
    role="group"
    part="card analysis"
    class="card"
    data-urgency=${level}
    aria-label=${s.analysis}
  >
    <p part="urgency" class="urgency" data-urgency=${level}>${label}</p>
    ${level === 'emergency' ? html`<p part="emergency" class="emergency" role="alert">${s.emergencyNotice}</p>` : nothing}
    ${
      card.specialties.length
        ? html`<h3 part="card-title" class="card-title">${s.recommendedSpecialties}</h3>
            <ul class="chips">
              ${card.specialties.map((name) => html`<li part="chip" class="chip">${name}</li>`)}
            </ul>`
        : nothing
    }
  </div>`;
}

/** Renders a card of any kind. */
export function renderCard(card: Card, context: CardContext): TemplateResult {
  switch (card.kind) {
    case 'doctors':
      return doctorsCard(card.doctors, context);
    case 'time-slots':
      return slotsCard(card.slots, context);
    case 'booking-confirmation':
      return confirmationCard(card, context);
    case 'template':
      return templateCard(card, context);
    case 'symptom-analysis':
      return analysisCard(card, context);
  }
}
