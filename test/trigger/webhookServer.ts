// An HTTP front for runWebhook, so the emulator's callback sender can reach the trigger over real HTTP
// in-process. It reads the body the way n8n's body reader does and answers the way n8n's webhook helpers do
// for the cases the trigger produces (its own response, webhookResponse without data, last node's first item).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { runWebhook, WEBHOOK_ID, type DownstreamNode } from '../engine/runWebhook';

export interface WebhookServer {
  /** The trigger's production URL on this server. */
  url: string;
  /** The items of each execution started, in order. */
  executions: INodeExecutionData[][];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bodyAsN8nReadsIt(raw: Buffer, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as unknown;
  if (contentType?.startsWith('text/plain')) return raw.toString('utf8');
  return {};
}

export async function startWebhookServer(setup: {
  parameters: INodeParameters;
  credentials: ICredentialDataDecryptedObject;
  downstream?: DownstreamNode[];
  /** Default: the trigger's source class (see runWebhook). */
  trigger?: INodeType;
}): Promise<WebhookServer> {
  const executions: INodeExecutionData[][] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const target = new URL(req.url ?? '/', 'http://localhost');
      const raw = await readBody(req);
      const run = await runWebhook({
        parameters: setup.parameters,
        credentials: setup.credentials,
        downstream: setup.downstream,
        trigger: setup.trigger,
        request: { query: Object.fromEntries(target.searchParams) as IDataObject, body: bodyAsN8nReadsIt(raw, req.headers['content-type']), rawBody: raw },
      });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (run.result.workflowData) executions.push(run.result.workflowData[0] ?? []);
      if (run.response.ended) return reply(run.response.statusCode ?? 200, run.response.body);
      if (!run.result.workflowData) return reply(200, run.result.webhookResponse ?? { message: 'Webhook call received' });
      if (run.responseMode === 'lastNode') {
        const { lastNodeItems } = await run.runWorkflow();
        return reply(200, lastNodeItems[0]?.json ?? {});
      }
      return reply(200, { message: 'Workflow was started' });
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/callback`,
    executions,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
