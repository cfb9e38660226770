import { html, nothing, type TemplateResult } from 'lit';
import type { Card, Doctor } from '../protocol/types.js';
import type { Strings } from '../strings.js';

/** A choice on a card: the element fires `ai-chat-action` and sends what the dialect says. */
export interface CardAction {
  action: string;
  value: string;
  /** The readable message sent for this choice. */
  label: string;
  metadata: Record<string, unknown>;
}

// Cards are built from structured data only: every field is rendered as text by Lit,
// whatever the server put in it. Never markdown, never HTML.

function doctorCard(doctors: readonly Doctor[], s: Strings, choose: (a: CardAction) => void): TemplateResult {
  return html`<section part="card doctors" class="card" aria-label=${s.doctors}>
    <h3 part="card-title" class="card-title">${s.doctors}</h3>
    <ul class="card-list">
      ${doctors.map(
        (doctor) =>
          html`<li part="card-item" class="card-item">
            <span class="card-item-main">
              <strong>${doctor.name}</strong>
              ${doctor.specialty ? html`<span class="muted">${doctor.specialty}</span>` : nothing}
              ${doctor.rating !== undefined ? html`<span class="muted">${s.rating(doctor.rating)}</span>` : nothing}
              ${doctor.nextAvailable ? html`<span class="muted">${s.nextAvailable(doctor.nextAvailable)}</span>` : nothing}
            </span>
            <button
              part="action"
              type="button"
              class="action"
              aria-label=${`${s.choose} ${doctor.name}`}
              @click=${() =>
                choose({
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
  </section>`;
}

function symptomCard(urgency: string, specialties: readonly string[], s: Strings): TemplateResult {
  const level = urgency.toLowerCase();
  return html`<section
    part="card analysis"
    class="card"
    data-urgency=${level}
    aria-label=${s.urgency[level] ?? urgency}
  >
    <p part="urgency" class="urgency" data-urgency=${level}>${s.urgency[level] ?? urgency}</p>
    ${level === 'emergency' ? html`<p part="emergency" class="emergency" role="alert">${s.emergencyNotice}</p>` : nothing}
    ${
      specialties.length
        ? html`<h3 part="card-title" class="card-title">${s.recommendedSpecialties}</h3>
            <ul class="chips">
              ${specialties.map((name) => html`<li part="chip" class="chip">${name}</li>`)}
            </ul>`
        : nothing
    }
  </section>`;
}

/** Renders a card (or nothing for a kind this view does not know yet). */
export function renderCard(
  card: Card,
  s: Strings,
  choose: (a: CardAction) => void,
): TemplateResult | typeof nothing {
  switch (card.kind) {
    case 'doctors':
      return doctorCard(card.doctors, s, choose);
    case 'symptom-analysis':
      return symptomCard(card.urgency, card.specialties, s);
    default:
      return nothing;
  }
}
