/**
 * Reads a PETRARCH2 agent dictionary (Phoenix.agents.txt, PLOVER_agents.txt): nouns that make an
 * actor of a country ("Hungarian police" = Hungary's police).
 *
 * Format (PETRreader.read_agent_dictionary): `PHRASE {optional plural} [~CODE]`. Without {...} the
 * regular plural is added; `{}` means no plural; `!PERSON!` in a phrase is replaced by each word of
 * its substitution set (`!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON`), without plurals. `~CODE` adds
 * the agent after the actor's code (~GOV), `CODE~` before it (NGO~).
 */
import { readFileSync } from 'node:fs';
import type { ReadProblem } from './read-actors.ts';
import { normalizePhrase, regularPlural } from './text.ts';

export interface AgentForm {
  noun: string;
  lemma: string;
  cameo: string;
}

export function readAgentFile(path: string, file: string, problems: ReadProblem[]): AgentForm[] {
  const substitutions = new Map<string, string[]>();
  const forms: AgentForm[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '' || line.startsWith('<!')) return;
      const marker = line.match(/^!([A-Z]+)!\s*=(.*)$/);
      if (marker) {
        substitutions.set(
          marker[1] ?? '',
          (marker[2] ?? '')
            .split(',')
            .map((w) => w.trim())
            .filter(Boolean),
        );
        return;
      }
      const code = line.match(/\[([^\]}]+)[\]}]/)?.[1]?.trim(); // one entry closes with "}"; accept it
      if (!code) {
        problems.push({ file, line: i + 1, problem: `agent without a code: ${line}` });
        return;
      }
      const phrase = line.slice(0, line.indexOf('[')).trim();
      const sub = phrase.match(/!([A-Z]+)!/);
      if (sub) {
        const words = substitutions.get(sub[1] ?? '');
        if (!words) {
          problems.push({ file, line: i + 1, problem: `unknown substitution set ${sub[0]}` });
          return;
        }
        for (const w of words) {
          const noun = normalizePhrase(phrase.replace(sub[0], w).replace(/\{[^}]*\}/, ''));
          forms.push({ noun, lemma: noun, cameo: code });
        }
        return;
      }
      const brace = phrase.match(/\{([^}]*)\}/);
      const lemma = normalizePhrase(phrase.replace(/\{[^}]*\}/, ''));
      if (lemma === '') return;
      forms.push({ noun: lemma, lemma, cameo: code });
      const plural = brace ? normalizePhrase(brace[1] ?? '') : regularPlural(lemma);
      if (plural !== '') forms.push({ noun: plural, lemma, cameo: code });
    });
  return forms;
}
