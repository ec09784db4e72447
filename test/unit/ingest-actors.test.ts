import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import type { ExtractionResult } from '../../src/ingest/types.ts';

function run(text: string, outlet?: string): ExtractionResult {
  return extract({ id: 'unit', text, publishedAt: '2022-02-28', ...(outlet ? { outlet } : {}) });
}

function triples(r: ExtractionResult): string[] {
  return r.events.filter((e) => !e.negated && !e.hypothetical).map((e) => `${e.source} ${e.relation} ${e.target}`);
}

describe('officials', () => {
  it('finds a leader despite a middle initial and keeps "Secretary Blinken" and "the Secretary" as the same actor', () => {
    const r = run(
      'Secretary of State Antony J. Blinken spoke with Greek Foreign Minister Nikos Dendias. Secretary Blinken condemned Russia. The Secretary and Foreign Minister Dendias condemned Russia’s invasion of Ukraine.',
    );
    const officials = r.actors.filter((a) => a.kind === 'OFFICIAL').map((a) => a.id);
    expect(officials.sort()).toEqual(['official:grc:nikos-dendias', 'official:usa:antony-blinken']);
    expect(triples(r)).toContain('official:usa:antony-blinken CONDEMNS country:RUS');
    expect(triples(r)).toContain('official:grc:nikos-dendias CONDEMNS country:RUS');
  });

  it('gives an official the country of the issuing body when the text names none, but not an ambassador', () => {
    const r = run(
      'Secretary Jane Doe condemned Russia. Ambassador John Roe met Iranian officials.',
      'U.S. Department of State',
    );
    expect(r.actors.find((a) => a.name === 'Jane Doe')?.country).toBe('USA');
    expect(r.actors.find((a) => a.name === 'John Roe')?.country ?? null).toBeNull();
  });

  it('reads "of Iraq" after a name, name particles and appositive titles', () => {
    const r = run(
      "President Joe Biden spoke on Friday with Prime Minister Mohammed Shia' al-Sudani of Iraq. The Prime Minister thanked him.",
    );
    const pm = r.actors.find((a) => a.kind === 'OFFICIAL' && a.country === 'IRQ');
    expect(pm?.name).toBe("Mohammed Shia' al-Sudani");
    expect(triples(r)).toContain(`official:usa:joe-biden MEETS ${pm?.id}`);
  });

  it('takes the country from "the country\'s" and from "authorities in X"', () => {
    const r = run(
      "Authorities in New Zealand have also accused China of hacking, with the country's defence minister Judith Collins saying so.",
    );
    expect(triples(r)).toContain('country:NZL ACCUSES country:CHN');
    expect(r.actors.find((a) => a.name === 'Judith Collins')?.country).toBe('NZL');
  });
});

describe('bodies', () => {
  it('names a generic body with its demonym and keeps the surface as an alias', () => {
    const r = run('The Chinese embassy in the UK says these are "completely unfounded" claims.');
    const emb = r.actors.find((a) => a.kind === 'AGENCY');
    expect(emb?.name).toBe('Chinese Embassy in the UK');
    expect(emb?.aliases).toContain('Chinese embassy in the UK');
    expect(triples(r)).toContain(`${emb?.id} DENIES country:GBR`);
  });

  it('lets an unnamed spokesperson speak for the body and "the ministry" refer back to it', () => {
    const r = run(
      "Russia's Foreign Ministry spokesperson said Britain had lied. The ministry summoned the British ambassador.",
    );
    expect(r.actors.find((a) => a.id === 'agency:rus:foreign-ministry')?.name).toBe('Russian Foreign Ministry');
    expect(triples(r).some((t) => t.startsWith('agency:rus:foreign-ministry '))).toBe(true);
  });

  it('resolves the inner body of "the Department of the Treasury\'s Office of Foreign Assets Control"', () => {
    const r = run(
      "The Department of the Treasury's Office of Foreign Assets Control (OFAC) sanctioned two North Korean banks.",
    );
    expect(r.actors.find((a) => a.id === 'agency:usa:ofac')?.aliases).toContain(
      "Department of the Treasury's Office of Foreign Assets Control",
    );
  });

  it('names private persons after a demonym and a person noun', () => {
    const r = run('A criminal complaint charged Russian national Natalia Burlinova with acting as an agent.');
    expect(r.actors.find((a) => a.kind === 'PERSON')?.name).toBe('Natalia Burlinova');
  });
});

describe('the voice of a statement', () => {
  it('makes the issuing body the agent of agentless passives and the speaker behind "we"', () => {
    const r = run(
      'The Russian Ambassador was summoned for a meeting.\n\nWe condemn Russia’s decision to expel a British diplomat.',
      'Foreign, Commonwealth and Development Office',
    );
    expect(triples(r)).toContain('agency:gbr:fcdo CONDEMNS country:RUS');
  });

  it('takes the voice from an "attributable to" line', () => {
    const r = run(
      'The below is attributable to Spokesperson Morgan Ortagus:\n\nWe call on Iraqi officials to take immediate action.',
      'U.S. Department of State',
    );
    expect(triples(r)).toContain('official:usa:morgan-ortagus REQUESTS country:IRQ');
  });

  it('gives "we" no actor in a news story without a voice', () => {
    const r = run('We call on Iraqi officials to take immediate action.');
    expect(triples(r)).toEqual([]);
  });
});

describe('implicit targets', () => {
  it('does not guess whom support goes to when the verb has an object of its own', () => {
    const r = run(
      'The United States accused China of the hack. Allies — Britain, Japan and Canada — backed up the castigation of China.',
    );
    expect(triples(r).filter((t) => t.includes('SUPPORTS'))).toEqual([]);
  });

  it('does not read "denies its own citizens" as a denial of an accusation', () => {
    const r = run('The United States accused Russia of interference. Russia denies its own citizens their freedoms.');
    expect(triples(r).filter((t) => t.includes('DENIES'))).toEqual([]);
  });
});

describe('people and organisations', () => {
  it('resolves a described set of people to the names it is said to be, here and later', () => {
    const r = run(
      'The two Chinese nationals sanctioned by the UK are Zhao Guangzong and Ni Gaobin. The US has announced that the same two Chinese nationals are among a group of seven facing criminal charges.',
    );
    const t = triples(r);
    expect(t).toContain('country:GBR SANCTIONS person:chn:zhao-guangzong');
    expect(t).toContain('country:GBR SANCTIONS person:chn:ni-gaobin');
    expect(t).toContain('country:USA CHARGES person:chn:zhao-guangzong');
  });

  it('reads a long office before a name and a name that defines its short form', () => {
    const r = run(
      '“It threatens international security,” said Under Secretary of the Treasury for Terrorism and Financial Intelligence Brian E. Nelson. Wu Huihui (Wu) is being designated for providing material support to the Lazarus Group.',
      'U.S. Department of the Treasury',
    );
    expect(r.actors.find((a) => a.name === 'Brian E. Nelson')?.country).toBe('USA');
    expect(r.actors.find((a) => a.name === 'Wu Huihui')?.kind).toBe('PERSON');
  });

  it('reads a counted set of organisations with its country', () => {
    const r = run('The Office of Foreign Assets Control (OFAC) sanctioned eighteen major Iranian banks.');
    expect(triples(r)).toContain('agency:usa:ofac SANCTIONS org:irn:eighteen-major-iranian-banks');
  });

  it("addresses a summons of an ambassador to the ambassador's state", () => {
    const r = run(
      "The Russian Ministry of Foreign Affairs on July 19 called in Britain's ambassador in Moscow, Anthony Brenton, to make a representation to him.",
    );
    expect(triples(r)).toContain('agency:rus:foreign-ministry CONDEMNS country:GBR');
    expect(r.actors.find((a) => a.name === 'Anthony Brenton')?.country).toBe('GBR');
  });
});

describe('countries named like people, and reciprocal acts', () => {
  it('recognises short names that the capital list once hid, and ambiguous names only in context', () => {
    const r = run('Brazil condemned Mexico. Michael Jordan said nothing. King Abdullah of Jordan condemned Israel.');
    expect(triples(r)).toContain('country:BRA CONDEMNS country:MEX');
    expect(r.actors.find((a) => a.name === 'Abdullah')?.country).toBe('JOR');
    expect(r.actors.some((a) => a.name.includes('Michael'))).toBe(false);
  });

  it('makes an agreement between coordinated actors reciprocal', () => {
    const r = run(
      "President Joe Biden spoke with Prime Minister Mohammed Shia' al-Sudani of Iraq. The President and Prime Minister agreed to stay in close collaboration.",
    );
    const pm = r.actors.find((a) => a.country === 'IRQ' && a.kind === 'OFFICIAL')!.id;
    expect(triples(r)).toContain(`official:usa:joe-biden AGREES ${pm}`);
    expect(triples(r)).toContain(`${pm} AGREES official:usa:joe-biden`);
  });
});

describe('pronouns and places', () => {
  it('lets "it" before a speech verb speak for the sentence\'s state, and "speaking from X" locate, not act', () => {
    const r = run(
      'Russia expelled a German diplomat, in retaliation for what it called Germany’s “groundless” expulsion of a Russian diplomat. Speaking from Brunei, German Foreign Minister Johann Wadephul called Moscow’s move “completely unfounded”.',
    );
    const t = triples(r);
    expect(t).toContain('country:RUS DENIES country:DEU');
    expect(t).not.toContain('country:DEU DENIES country:RUS');
    expect(t.some((x) => x.startsWith('country:BRN'))).toBe(false);
  });

  it('gives "our" in a ministry\'s statement to its state', () => {
    const r = run(
      'It is disappointing that Russia seeks to deter our support for Ukraine.',
      'Foreign, Commonwealth and Development Office',
    );
    expect(triples(r)).toContain('country:GBR SUPPORTS country:UKR');
  });
});

describe('apposition and relative clauses', () => {
  it('names "the diplomat, identified as X" with the country of "a British diplomat", and a relative clause has no actor subject', () => {
    const r = run(
      'Russia expelled a British diplomat. The FSB said that the diplomat, identified as Edward Pryor Wilkes, had lied. The FSB alleged that Wilkes was involved in "activities that threatened the security of the Russian Federation."',
    );
    const w = r.actors.find((a) => a.name === 'Edward Pryor Wilkes');
    expect(w?.kind).toBe('OFFICIAL');
    expect(w?.country).toBe('GBR');
    expect(triples(r).some((t) => t.startsWith(`${w?.id} THREATENS`))).toBe(false);
  });
});
