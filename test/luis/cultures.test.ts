// Apps in other cultures than English: they train and predict, prebuilt
// entities recognise the culture's own words where Recognizers-Text has a model
// for that language, and a prebuilt a culture has no model for is refused,
// at import and when added, naming it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, luisSuite, waitForTraining } from './support.ts';

function app(culture: string, prebuilts: string[], intents: Record<string, string[]>) {
  return {
    luis_schema_version: '7.0.0', versionId: '0.1', name: `app-${culture}-${Math.random().toString(36).slice(2)}`, desc: '', culture,
    intents: [...Object.keys(intents), 'None'].map((name) => ({ name })), entities: [], closedLists: [], composites: [], hierarchicals: [],
    regex_entities: [], patternAnyEntities: [], patterns: [], phraselists: [],
    prebuiltEntities: prebuilts.map((name) => ({ name, roles: [] })),
    utterances: Object.entries(intents).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent, entities: [] }))),
  };
}

describe('LUIS apps in other cultures', () => {
  const luis = luisSuite();

  /** Imports and trains an app; answers a function asking its version (v3.0 prediction by version). */
  async function trained(json: unknown) {
    const imported = await call(luis.server, 'POST', '/luis/api/v2.0/apps/import', luis.key, json);
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const appId = imported.body;
    assert.equal((await call(luis.server, 'POST', `/luis/api/v2.0/apps/${appId}/versions/0.1/train`, luis.key)).status, 202);
    await waitForTraining(luis.server, luis.key, appId, '0.1');
    return async (query: string) => {
      const res = await call(luis.server, 'POST', `/luis/prediction/v3.0/apps/${appId}/versions/0.1/predict?verbose=true`, luis.key, { query });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.prediction;
    };
  }

  it('lists LUIS\'s cultures', async () => {
    const res = await call(luis.server, 'GET', '/luis/api/v2.0/apps/cultures', luis.key);
    assert.equal(res.status, 200);
    const codes = res.body.map((c: any) => c.code);
    for (const c of ['en-us', 'de-de', 'fr-fr', 'es-es', 'it-it', 'zh-cn', 'ja-jp', 'pt-br']) assert.ok(codes.includes(c), c);
  });

  it('French: intents from French utterances, French numbers and dates resolved', async () => {
    const ask = await trained(app('fr-fr', ['number', 'datetimeV2'], {
      Reserver: ['réserver une table', 'je voudrais réserver pour ce soir', 'une table pour deux personnes', 'réservez-moi une table demain'],
      Annuler: ['annuler ma réservation', 'annulez tout', 'je veux annuler', 'laisse tomber'],
    }));
    const p = await ask('réserver pour trois personnes demain à 20h');
    assert.equal(p.topIntent, 'Reserver');
    assert.deepEqual(p.entities.number, [3]);
    assert.equal(p.entities.$instance.datetimeV2[0].text, 'demain à 20h');
    assert.equal((await ask('annulez ma réservation')).topIntent, 'Annuler');
  });

  it('Chinese: text without spaces is read character by character; Chinese numerals are numbers', async () => {
    const ask = await trained(app('zh-cn', ['number'], {
      Order: ['我要买苹果', '买两个苹果', '我想买香蕉', '帮我买水果'],
      Cancel: ['取消', '取消订单', '不要了', '算了吧'],
    }));
    const p = await ask('我要买三个苹果');
    assert.equal(p.topIntent, 'Order');
    assert.deepEqual(p.entities.number, [3]);
    assert.equal(p.entities.$instance.number[0].text, '三');
    assert.equal((await ask('取消吧')).topIntent, 'Cancel');
  });

  it('Japanese and Spanish numbers; a German app without prebuilts trains and answers', async () => {
    const ja = await trained(app('ja-jp', ['number'], { Buy: ['りんごを買う', 'みかんを買いたい', 'バナナを買って'], Stop: ['やめて', 'キャンセル', '中止'] }));
    const jp = await ja('りんごを五つ買う');
    assert.equal(jp.topIntent, 'Buy');
    assert.deepEqual(jp.entities.number, [5]);
    const es = await trained(app('es-es', ['number'], { Pedir: ['quiero pedir una pizza', 'pide dos pizzas', 'una pizza por favor'], Cancelar: ['cancela el pedido', 'cancelar', 'olvídalo'] }));
    assert.deepEqual((await es('quiero tres pizzas')).entities.number, [3]);
    const de = await trained(app('de-de', [], { Bestellen: ['ich möchte eine Pizza bestellen', 'bestelle zwei Pizzen', 'eine Pizza bitte'], Abbrechen: ['abbrechen', 'Bestellung stornieren', 'vergiss es'] }));
    assert.equal((await de('Pizza bestellen bitte')).topIntent, 'Bestellen');
    assert.equal((await de('stornieren')).topIntent, 'Abbrechen');
  });

  it('refuses at import a prebuilt the culture has no recognizer for, naming it and where it is', async () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['de-de', ['email', 'number'], /^prebuiltEntities\[1\]: the prebuilt entity "number" cannot be recognised in de-de: Portico recognises it in English, French, Spanish, Portuguese, Chinese, Japanese only\.$/],
      ['fr-fr', ['personName'], /"personName" cannot be recognised in fr-fr: Portico recognises it in English only/],
      ['ja-jp', ['datetimeV2'], /"datetimeV2" cannot be recognised in ja-jp: Portico recognises it in English, French, Spanish, Chinese only/],
      ['pt-br', ['geographyV2'], /"geographyV2" cannot be recognised in pt-br/],
    ];
    for (const [culture, prebuilts, message] of cases) {
      const res = await call(luis.server, 'POST', '/luis/api/v2.0/apps/import', luis.key, app(culture, prebuilts, { A: ['a b c'] }));
      assert.equal(res.status, 400, culture);
      assert.equal(res.body.error.code, 'BadArgument');
      assert.match(res.body.error.message, message);
    }
  });

  it('offers a German version only the prebuilts German has, and refuses adding another', async () => {
    const imported = await call(luis.server, 'POST', '/luis/api/v2.0/apps/import', luis.key, app('de-de', [], { A: ['hallo welt'] }));
    const version = `/luis/api/v2.0/apps/${imported.body}/versions/0.1`;
    const offered = (await call(luis.server, 'GET', `${version}/listprebuilts`, luis.key)).body.map((p: any) => p.name).sort();
    assert.deepEqual(offered, ['email', 'phonenumber', 'url']);
    const added = await call(luis.server, 'POST', `${version}/prebuilts`, luis.key, ['ordinal']);
    assert.equal(added.status, 400);
    assert.match(added.body.error.message, /"ordinal" cannot be recognised in de-de/);
    assert.equal((await call(luis.server, 'POST', `${version}/prebuilts`, luis.key, ['email'])).status, 201);
  });
});
