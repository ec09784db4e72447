/**
 * The parsed document the linguistic engine returns: sentences, tokens with offsets into the text that was
 * sent, lemmas, part-of-speech tags, named-entity tags, entity mentions and the enhanced++ Universal
 * Dependencies graph of each sentence. Offsets are UTF-16 code units, as JavaScript strings count them
 * (CoreNLP counts Java chars: the same units).
 */
export interface NlpToken {
  /** 1-based within its sentence, as the dependency edges number them. */
  index: number;
  word: string;
  originalText: string;
  lemma: string;
  pos: string;
  /** e.g. PERSON, ORGANIZATION, LOCATION, COUNTRY, NATIONALITY, TITLE, DATE; "O" for none. */
  ner: string;
  start: number;
  end: number;
}

export interface NlpEdge {
  /** Enhanced++ relation, e.g. nsubj, obj, nsubj:pass, obl:agent, nmod:of, conj:and, xcomp. */
  dep: string;
  /** Token index of the head (0 is ROOT). */
  governor: number;
  dependent: number;
}

export interface NlpEntityMention {
  text: string;
  ner: string;
  /** Token indices (0-based, within the sentence), end exclusive. */
  tokenBegin: number;
  tokenEnd: number;
  start: number;
  end: number;
}

export interface NlpSentence {
  /** 0-based within the document. */
  index: number;
  start: number;
  end: number;
  tokens: NlpToken[];
  /** The enhanced++ UD graph: ROOT edge(s) first as CoreNLP gives them. */
  edges: NlpEdge[];
  entities: NlpEntityMention[];
}

export interface NlpDocument {
  text: string;
  sentences: NlpSentence[];
}
