import { dlqTopic, logicalTopic, resolveTopic, sourceDomains, sourceTopic, topicCatalog, topicNames, valueSubject } from './topics';
import { protoSources } from './generated/proto-sources';

describe('topic catalog', () => {
  it('has the contract topics, one per source domain plus the seven downstream ones', () => {
    expect(topicNames).toHaveLength(15);
    for (const d of sourceDomains) expect(topicNames).toContain(sourceTopic(d));
  });

  it.each(topicNames)('%s: package equals the topic and its envelope is the first message of its .proto', (topic) => {
    const spec = topicCatalog[topic];
    expect(spec.schema.typeName.startsWith(`${topic}.`)).toBe(true);
    expect(spec.schema.file.messages[0]?.typeName).toBe(spec.schema.typeName);
    expect(spec.schema.file.proto.dependency).toEqual([]);
    const source = protoSources[spec.proto] ?? '';
    expect(source).toContain(`package ${topic};`);
    expect(/^message\s+(\w+)/m.exec(source)?.[1]).toBe(spec.schema.name);
  });

  it('prefixes physical names and maps them back', () => {
    const r = resolveTopic('scorecard.score.computed.v1', 't42.');
    expect(r).toMatchObject({
      topic: 't42.scorecard.score.computed.v1',
      subject: 't42.scorecard.score.computed.v1-value',
      dlq: 't42.scorecard.score.computed.v1.dlq',
    });
    expect(logicalTopic(r.topic, 't42.')).toBe('scorecard.score.computed.v1');
    expect(logicalTopic(r.topic)).toBeUndefined();
    expect(logicalTopic(r.dlq, 't42.')).toBeUndefined();
    expect(valueSubject('a')).toBe('a-value');
    expect(dlqTopic('a')).toBe('a.dlq');
  });
});
