// Articles in another language are refused with a code, not stored empty; English passes, even full of foreign
// names, and texts too short to judge pass (they are then reported as having no events).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/ingest/errors.ts';
import { extract } from '../../src/ingest/extract.ts';
import { checkLanguage } from '../../src/ingest/language.ts';

const FRENCH =
  'Le ministère des Affaires étrangères a condamné lundi les frappes contre les infrastructures civiles du pays voisin, qualifiant ces attaques de crimes de guerre et appelant la communauté internationale à une réponse ferme et coordonnée dans les plus brefs délais.';
const SPANISH =
  'El gobierno condenó el lunes el ataque contra su embajada en la capital vecina y anunció la suspensión de las relaciones diplomáticas, calificando la acción de violación flagrante del derecho internacional y de la convención de Viena sobre relaciones diplomáticas.';
const ENGLISH_WITH_NAMES =
  'Ecuadorian Consulate San Juan, U.S. Consulate Miami, Consulado General de Ecuador en Madrid and the Embajada de los Estados Unidos in Quito were closed on Monday after the foreign ministry of Ecuador condemned the raid on its embassy in Mexico City and recalled its ambassador for consultations.';

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof InputError ? err.code : 'OTHER';
  }
}

describe('language check', () => {
  it('refuses French and Spanish articles with UNSUPPORTED_LANGUAGE, naming the language', () => {
    expect(codeOf(() => checkLanguage(FRENCH))).toBe('UNSUPPORTED_LANGUAGE');
    expect(codeOf(() => extract({ id: 'es', text: SPANISH }))).toBe('UNSUPPORTED_LANGUAGE');
    expect(() => checkLanguage(FRENCH)).toThrow(/"fra"/);
  });

  it('passes English, English full of foreign names, and texts too short to judge', () => {
    expect(codeOf(() => checkLanguage(ENGLISH_WITH_NAMES))).toBeNull();
    expect(codeOf(() => extract({ id: 'en', text: 'Japan condemned Russia on Monday.' }))).toBeNull();
    expect(codeOf(() => checkLanguage('Le ministère a condamné les frappes.'))).toBeNull();
  });
});
