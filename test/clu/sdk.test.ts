// The official @azure/ai-language-conversations client, unchanged, against a
// deployed project, with an AzureKeyCredential and Portico as its endpoint (plain
// http on loopback, so the pipeline's own allowInsecureConnection option is set).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureKeyCredential } from '@azure/core-auth';
import { ConversationAnalysisClient } from '@azure/ai-language-conversations';
import type { TestServer } from '../support/server.ts';
import { deployedProject, languageKey, startCluServer } from './support.ts';

describe('@azure/ai-language-conversations against Portico', () => {
  let server: TestServer;
  let key: string;
  before(async () => {
    server = await startCluServer();
    ({ key } = await languageKey(server));
    await deployedProject(server, key, 'home');
  });
  after(async () => server?.close());

  it('analyzes a conversation item and reads the prediction', async () => {
    const client = new ConversationAnalysisClient(server.url, new AzureKeyCredential(key), { allowInsecureConnection: true });
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

  it('surfaces a wrong key as a 401 RestError', async () => {
    const client = new ConversationAnalysisClient(server.url, new AzureKeyCredential('0'.repeat(32)), { allowInsecureConnection: true });
    await assert.rejects(client.analyzeConversation({
      kind: 'Conversation',
      analysisInput: { conversationItem: { id: '1', participantId: 'user', text: 'lights on' } },
      parameters: { projectName: 'home', deploymentName: 'production' },
    }), (err: any) => err.statusCode === 401);
  });
});
