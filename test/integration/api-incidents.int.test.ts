/** The API's incidents, exchanges and measures, on the gold articles (Reuters and Dawn on the 2021 Exchange hack among them). */
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../fixtures/api/harness.ts';

const DAWN = 'dawn-2021-07-21-china-hack-claims';
const REUTERS = 'reuters-2021-07-20-china-dismisses-hacking-accusation';

describe('api: incidents and exchanges', () => {
  const { api } = useSeededApi();

  it('incidents(filter) lists the US accusation once, with both reports and their evidence', async () => {
    const data = await api()
      .ok(`{ incidents(filter: {source: "country:USA", target: "country:CHN", plover: ["accuse"], from: "2021-07-01", to: "2021-07-31"}) {
      totalCount nodes { date reportCount outlets source { id } target { id } reports { relation evidence { sentence article { id } } incident { reportCount } } } } }`);
    expect(data.incidents.totalCount).toBe(1);
    const [incident] = data.incidents.nodes;
    expect(incident).toMatchObject({
      date: '2021-07-19',
      reportCount: 2,
      outlets: ['Dawn', 'Reuters (via SowetanLIVE)'],
      source: { id: 'country:USA' },
      target: { id: 'country:CHN' },
    });
    expect(incident.reports.map((r: any) => r.evidence.article.id).sort()).toEqual([DAWN, REUTERS]);
    expect(incident.reports.every((r: any) => r.relation === 'ACCUSES' && r.incident.reportCount === 2)).toBe(true);
    const many = await api().ok('{ incidents(filter: {minReports: 2}, first: 100) { nodes { reportCount } } }');
    expect(many.incidents.nodes.length).toBeGreaterThan(0);
    expect(many.incidents.nodes.every((n: any) => n.reportCount >= 2)).toBe(true);
  });

  it('exchanges(actorA, actorB) is the thread in time order: accusation, then the denials and the counter-accusation that answer it', async () => {
    const data = await api()
      .ok(`{ exchanges(actorA: "country:CHN", actorB: "country:USA", from: "2021-07-01", to: "2021-07-31") {
      id date relation source { id } evidence { sentence article { id } }
      respondsTo { kind cue days answers { id relation source { id } } } } }`);
    const thread = data.exchanges as any[];
    expect(thread[0]).toMatchObject({
      relation: 'ACCUSES',
      source: { id: 'country:USA' },
      date: '2021-07-19',
      respondsTo: null,
    });
    const dates = thread.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    const answered = thread.filter((e) => e.respondsTo);
    // China's headline denial in Reuters states it and answers the accusation Reuters reports
    const headline = answered.find((e) => e.evidence.sentence.startsWith('China dismisses U.S. accusation'));
    expect(headline.respondsTo).toMatchObject({
      kind: 'STATED',
      days: 1,
      answers: { relation: 'ACCUSES', source: { id: 'country:USA' } },
    });
    // the counter-accusation (the US as "world champion" of cyber attacks) answers it too
    expect(
      answered.some(
        (e) =>
          e.relation === 'ACCUSES' && e.source.id === 'country:CHN' && e.respondsTo.answers.source.id === 'country:USA',
      ),
    ).toBe(true);
    // every answer in the thread answers something in the thread, earlier
    const position = new Map(thread.map((e, i) => [e.id, i]));
    for (const e of answered) expect(position.get(e.respondsTo.answers.id)).toBeLessThan(position.get(e.id)!);

    // and from the accusation's side: its responses
    const accusation = await api().ok(
      `{ exchanges(actorA: "country:USA", actorB: "country:CHN", from: "2021-07-19", to: "2021-07-19") { id responses { kind response { relation source { id } } } } }`,
    );
    const responses = accusation.exchanges.flatMap((e: any) => e.responses);
    expect(responses.length).toBeGreaterThan(0);
    expect(
      responses.every((r: any) =>
        ['DENIES', 'ACCUSES', 'CONDEMNS', 'REJECTS', 'SANCTIONS'].includes(r.response.relation),
      ),
    ).toBe(true);

    const bad = await api().gql('{ exchanges(actorA: "country:USA", actorB: "country:USA") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('network and timeline count incidents by default, reports on request', async () => {
    const q = (measure: string) =>
      `{ network(actorIds: ["country:USA"], relations: [ACCUSES]${measure}) { edges { source target relation count reports incidents } } }`;
    const edge = (d: any) => d.network.edges.find((e: any) => e.source === 'country:USA' && e.target === 'country:CHN');
    expect(edge(await api().ok(q('')))).toMatchObject({ count: 1, reports: 2, incidents: 1 });
    expect(edge(await api().ok(q(', measure: REPORTS')))).toMatchObject({ count: 2, reports: 2, incidents: 1 });
    // over a date range, counted from the events
    const ranged = edge(
      await api().ok(
        `{ network(actorIds: ["country:USA"], relations: [ACCUSES], from: "2021-07-01", to: "2021-07-31") { edges { source target count reports incidents } } }`,
      ),
    );
    expect(ranged).toMatchObject({ count: 1, reports: 2, incidents: 1 });

    const t = (measure: string) =>
      `{ timeline(dyad: {source: "country:USA", target: "country:CHN"}, relations: [ACCUSES], granularity: DAY, from: "2021-07-19", to: "2021-07-19"${measure}) { start count reports incidents } }`;
    expect((await api().ok(t(''))).timeline).toEqual([{ start: '2021-07-19', count: 1, reports: 2, incidents: 1 }]);
    expect((await api().ok(t(', measure: REPORTS'))).timeline).toEqual([
      { start: '2021-07-19', count: 2, reports: 2, incidents: 1 },
    ]);
  });
});
