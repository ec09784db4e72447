import { describe, expect, it } from 'vitest';
import { composeChain } from '../../src/ingest/chains.ts';
import { typeEventBetween } from '../../src/ingest/typing.ts';

/** Types the event between the spans marked <s>…</s> and <t>…</t>. */
function typed(marked: string): string | null {
  const sentence = marked.replace(/<\/?[st]>/g, '');
  const span = (tag: string): { start: number; end: number } => {
    const open = marked.indexOf(`<${tag}>`);
    const close = marked.indexOf(`</${tag}>`);
    const before = marked.slice(0, open).replace(/<\/?[st]>/g, '').length;
    return { start: before, end: before + marked.slice(open + 3, close).replace(/<\/?[st]>/g, '').length };
  };
  return typeEventBetween(sentence, span('s'), span('t'))?.relation ?? null;
}

describe('verb chains: the governing verb decides', () => {
  it.each([
    ['<s>Norway</s> refused to meet with <t>the Chilean envoy</t> on Monday.', 'REJECTS'],
    ['<s>The minister</s> declined an invitation from <t>Portugal</t> to attend the summit.', 'REJECTS'],
    ['<s>Ghana</s> rejected an appeal by <t>the opposition party</t> for a recount.', 'REJECTS'],
    ['<s>Peru</s> and <t>Chile</t> failed to reach an agreement on the maritime border.', 'REJECTS'],
    ['<s>Japan</s> has suspended humanitarian aid to <t>Myanmar</t> after the coup.', 'SANCTIONS'],
    ['<s>Canada</s> announced a suspension of military assistance to <t>Mali</t>.', 'SANCTIONS'],
    ['<s>Kenya</s> has agreed to provide military aid to <t>Somalia</t>.', 'AGREES'],
    ['<s>Brazil</s> agreed to lift a ban on imports from <t>Argentina</t>.', 'AGREES'],
    ['<s>Serbia</s> has lifted its ban on <t>Kosovo</t> goods.', 'CONCEDES'],
    ['<s>Egypt</s> refused to lift sanctions on <t>Sudan</t>.', 'REJECTS'],
    ['<s>Turkey</s> threatened to impose sanctions on <t>Austria</t>.', 'THREATENS'],
    ['<s>The president</s> vowed to strike <t>the rebels</t> again.', 'THREATENS'],
    ['<s>Finland</s> will meet <t>Sweden</t> in Helsinki next week.', 'AGREES'],
    ['<s>Pakistan</s> called off the talks with <t>India</t>.', 'SANCTIONS'],
    ['<s>The union</s> called off the strike after <t>the ministry</t> raised wages.', 'CONCEDES'],
    ['<s>The senator</s> called for sanctions against <t>Belarus</t>.', 'CONDEMNS'],
  ])('%s -> %s', (sentence, relation) => {
    expect(typed(sentence)).toBe(relation);
  });
});

describe('negated future acts are refusals, other negations are no event', () => {
  it('"will not release" is a refusal', () => {
    expect(typed('<s>Iran</s> will not release <t>the British sailors</t>, its foreign ministry said.')).toBe(
      'REJECTS',
    );
  });
  it('"won\'t meet" is a refusal', () => {
    expect(typed("<s>The prime minister</s> won't meet <t>the Dalai Lama</t>.")).toBe('REJECTS');
  });
  it('a denied past attack is no event', () => {
    expect(typed('<s>Russia</s> did not attack <t>Georgia</t>, the spokesman said.')).toBeNull();
  });
});

describe('nominal and part-of-speech cues', () => {
  it.each([
    ['<s>The navy</s> struck <t>rebel positions</t> near the coast.', 'ASSAULTS'],
    ['<s>Dock workers</s> went on strike against <t>the port authority</t>.', 'PROTESTS'],
    ['<s>Chad</s> declared a ceasefire with <t>the rebels</t>.', 'RETREATS'],
    ['<s>Rebels</s> violated the ceasefire with <t>the army</t> on Sunday.', 'ASSAULTS'],
    ['<s>Bhutan</s> established diplomatic ties with <t>Israel</t>.', 'SUPPORTS'],
    ['<s>Authorities in Lagos</s> imposed a curfew on <t>the district</t>.', 'COERCES'],
    ['<s>The UN</s> withdrew its peacekeepers from <t>Mali</t>.', 'SANCTIONS'],
    ['<s>The court</s> found <t>the former minister</t> guilty of fraud.', 'CHARGES'],
  ])('%s -> %s', (sentence, relation) => {
    expect(typed(sentence)).toBe(relation);
  });
});

describe('future and hypothetical acts (ANNOTATION.md)', () => {
  it('"will impose sanctions" is a threat, not a sanction', () => {
    expect(typed('<s>The EU</s> will impose sanctions on <t>Belarus</t>, the commission said.')).toBe('THREATENS');
  });
  it('"not ruling out further action" is no event', () => {
    expect(typed('<s>Biden</s> said the US was not ruling out further action against <t>China</t>.')).toBeNull();
  });
  it('plans for sanctions are a threat', () => {
    expect(typed('<s>The Foreign Secretary</s> announced plans for new sanctions against <t>Iran</t>.')).toBe(
      'THREATENS',
    );
  });
});

describe('loose single words do not make events', () => {
  it.each([
    ['<s>Moscow</s> backed <t>the Syrian army</t> in the offensive.', 'SUPPORTS'],
    ['<s>The minister</s> and <t>the ambassador</t> held a press conference in Canberra.', null],
    ['The vote demonstrates <s>the US</s> commitment to <t>Zimbabwe</t>.', null],
    ['<s>A Russia-backed militia</s> shelled <t>Mariupol</t>.', 'ASSAULTS'],
    ['<s>The envoy</s> returned to <t>Moscow</t> on Friday.', null],
    ['<s>Critics</s> say <t>the president</t> stifled a free press.', null],
    ['<s>Iran</s> returned to talks with <t>the EU</t>.', 'MEETS'],
    ['<s>Kabul</s> said it would free <t>the prisoners</t> next week.', 'AGREES'],
  ])('%s -> %s', (sentence, relation) => {
    expect(typed(sentence)).toBe(relation);
  });
});

describe('composeChain', () => {
  it('stopping cooperation is a sanction, stopping hostilities a retreat', () => {
    expect(composeChain('halt', 'AIDS')).toBe('SANCTIONS');
    expect(composeChain('halt', 'ASSAULTS')).toBe('RETREATS');
    expect(composeChain('halt', 'SANCTIONS')).toBe('CONCEDES');
  });
  it('intent to cooperate is agreement, intent to harm a threat', () => {
    expect(composeChain('intend', 'MEETS')).toBe('AGREES');
    expect(composeChain('intend', 'SANCTIONS')).toBe('THREATENS');
  });
  it('easing applies to restrictions only', () => {
    expect(composeChain('ease', 'COERCES')).toBe('CONCEDES');
    expect(composeChain('ease', 'MEETS')).toBeNull();
  });
});
