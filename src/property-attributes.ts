// Properties of <ai-chat> that cannot be attributes (a function, an object), and the warning for a
// page or framework that sets them as attributes anyway: Vue's `:token-provider="fn"` (kebab-case
// is not the property's name, so Vue writes an attribute), React 18's `tokenProvider={fn}` (React
// before 19 writes attributes on custom elements, lowercased), or HTML. The element would only see
// the text "() => …" or "[object Object]", so it says how to set the property instead.

/** Attribute name (as a browser lowercases it) → the property it was meant for. */
const PROPERTY_ONLY: Readonly<Record<string, string>> = {
  'token-provider': 'tokenProvider',
  tokenprovider: 'tokenProvider',
  strings: 'strings',
};

/** The attribute names to observe, so a mistaken one can be reported. */
export const propertyOnlyAttributes = Object.keys(PROPERTY_ONLY);

const warned = new Set<string>();

/**
 * Warns once per attribute name (per page) that a property-only setting arrived as an attribute.
 * The value is not repeated: a provider's source text may hold a token.
 */
export function warnPropertyAsAttribute(name: string): void {
  const property = PROPERTY_ONLY[name];
  if (!property || warned.has(name)) return;
  warned.add(name);
  console.warn(
    `<ai-chat>: the attribute "${name}" was set, but \`${property}\` is a property (a function or an object ` +
      `cannot be an attribute), so it is ignored. Set the property instead: in Vue bind \`:${property}\` ` +
      `(camelCase) or \`:${name === 'tokenprovider' ? 'token-provider' : name}.prop\`; in React 18 use ` +
      `\`import { AiChat } from 'ai-chat-element/react'\`; in plain JavaScript \`chat.${property} = …\`.`,
  );
}
