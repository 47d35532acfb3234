// Diagnostic node for the benchmark (npm run bench -- --diagnose): makes the same delete_subscriber calls
// as the package node, at a fixed pace, but with none of the package's own logic. Its CPU time is the
// floor that n8n-core's HTTP helper costs per call; `rawHttpKeepAlive` (node:http with a keep-alive agent,
// which a community node may not use) calibrates what the same call costs this machine at the minimum.
// Bench tooling only: it is never shipped or loaded by n8n.
import { Agent, request } from 'node:http';

import type { ICredentialType, IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export type FloorMode = 'httpRequestWithAuthentication' | 'rawHttpKeepAlive';

export interface FloorSettings {
	mode: FloorMode;
	calls: number;
	callsPerSecond: number;
	baseUrl: string;
	officialAccount: string;
	idsPerCall: number;
	/** Needed by rawHttpKeepAlive, which signs requests itself with the credential's authenticate(). */
	credentialType?: ICredentialType;
}

const PATH = '/v4/official_account_open_http_svc/delete_subscriber';

function postJson(agent: Agent, url: string, payload: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(payload) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					try {
						resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
					} catch (error) {
						reject(error);
					}
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

export function httpFloorNode(settings: FloorSettings): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'HTTP Floor',
		name: 'httpFloor',
		group: ['output'],
		version: 1,
		description: 'Benchmark probe',
		defaults: { name: 'HTTP Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'tencentChatApi', required: true }],
		properties: [],
	} as unknown as INodeTypeDescription;

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const ids = Array.from({ length: settings.idsPerCall }, (_, index) => `floor${index}`);
		const body: IDataObject = { Official_Account: settings.officialAccount, SubscriberToDel_Account: ids };
		const credentials = settings.mode === 'rawHttpKeepAlive' ? await this.getCredentials('tencentChatApi') : undefined;
		const agent = new Agent({ keepAlive: true });
		const payload = JSON.stringify(body);
		const one = async (): Promise<unknown> => {
			if (settings.mode === 'httpRequestWithAuthentication') {
				return await this.helpers.httpRequestWithAuthentication.call(this, 'tencentChatApi', {
					method: 'POST',
					url: `${settings.baseUrl}${PATH}`,
					body,
					json: true,
				});
			}
			const authenticate = settings.credentialType?.authenticate;
			if (typeof authenticate !== 'function' || !credentials) throw new Error('rawHttpKeepAlive needs the credential type');
			const signed: IHttpRequestOptions = await authenticate(credentials, { url: `${settings.baseUrl}${PATH}`, method: 'POST' });
			const query = new URLSearchParams(Object.entries(signed.qs ?? {}).map(([key, value]) => [key, String(value)]));
			return await postJson(agent, `${settings.baseUrl}${PATH}?${query.toString()}`, payload);
		};
		const started = performance.now();
		const intervalMs = 1000 / settings.callsPerSecond;
		const inFlight: Array<Promise<unknown>> = [];
		let errors = 0;
		for (let call = 0; call < settings.calls; call++) {
			const due = started + call * intervalMs - performance.now();
			if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
			inFlight.push(
				one().then(
					(reply) => {
						if ((reply as IDataObject | undefined)?.ErrorCode !== 0) errors++;
					},
					() => {
						errors++;
					},
				),
			);
		}
		await Promise.all(inFlight);
		agent.destroy();
		return [[{ json: { calls: settings.calls, errors }, pairedItem: { item: 0 } }]];
	}

	return { description, execute };
}
