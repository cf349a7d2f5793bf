// The official @azure/ai-language-conversations client, unchanged, against a
// deployed project, with an AzureKeyCredential and Portico as its endpoint (plain
// http on loopback, so the pipeline's own allowInsecureConnection option is set).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureKeyCredential } from '@azure/core-auth';
import { ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { deployedCluServer } from './support.ts';

describe('@azure/ai-language-conversations against Portico', () => {
  const clu = deployedCluServer('home');

  it('analyzes a conversation item and reads the prediction', async () => {
    const client = new ConversationAnalysisClient(clu.server.url, new AzureKeyCredential(clu.key), { allowInsecureConnection: true });
    const res: any = await client.analyzeConversation({
      kind: 'Conversation',
      analysisInput: { conversationItem: { id: '1', participantId: 'user', text: 'switch off the light in the kitchen' } },
      parameters: { projectName: 'home', deploymentName: 'production' },
    });
    assert.equal(res.kind, 'ConversationResult');
    assert.equal(res.result.prediction.projectKind, 'Conversation');
    assert.equal(res.result.prediction.topIntent, 'TurnOff');
    assert.ok(res.result.prediction.entities.some((e: any) => e.category === 'Room' && e.text === 'kitchen'), JSON.stringify(res.result.prediction.entities));
  });

  it('sends no stringIndexType unless told, and reads grapheme offsets then; Utf16CodeUnit when asked', async () => {
    const sent: string[] = [];
    const capture = { policy: { name: 'capture-body', sendRequest: (req: any, next: any) => { sent.push(String(req.body)); return next(req); } }, position: 'perCall' as const };
    const client = new ConversationAnalysisClient(clu.server.url, new AzureKeyCredential(clu.key), { allowInsecureConnection: true, additionalPolicies: [capture] });
    const text = '👍🏽 turn off the light in the kitchen';
    const ask = async (extra: Record<string, string>) => {
      const res: any = await client.analyzeConversation({
        kind: 'Conversation',
        analysisInput: { conversationItem: { id: '1', participantId: 'user', text } },
        parameters: { projectName: 'home', deploymentName: 'production', ...extra },
      });
      return res.result.prediction.entities.find((e: any) => e.category === 'Room').offset;
    };
    const base = 'turn off the light in the '.length;
    assert.equal(await ask({}), 2 + base);
    assert.doesNotMatch(sent[0], /stringIndexType/);
    assert.equal(await ask({ stringIndexType: 'Utf16CodeUnit' }), '👍🏽 '.length + base);
    assert.match(sent[1], /"stringIndexType":"Utf16CodeUnit"/);
  });

  it('surfaces a wrong key as a 401 RestError', async () => {
    const client = new ConversationAnalysisClient(clu.server.url, new AzureKeyCredential('0'.repeat(32)), { allowInsecureConnection: true });
    await assert.rejects(client.analyzeConversation({
      kind: 'Conversation',
      analysisInput: { conversationItem: { id: '1', participantId: 'user', text: 'lights on' } },
      parameters: { projectName: 'home', deploymentName: 'production' },
    }), (err: any) => err.statusCode === 401);
  });
});
