// Diagnostic node for the benchmark (npm run bench -- --diagnose): makes the same delete_subscriber calls
// as the package node, at a fixed pace, but with none of the package's own logic. Its CPU time is the
// floor that n8n-core's HTTP helper (or, for comparison, a plain keep-alive fetch) costs per call.
// Bench tooling only: it is never shipped or loaded by n8n.
import type { ICredentialType, IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export type FloorMode = 'httpRequestWithAuthentication' | 'fetchKeepAlive';

export interface FloorSettings {
	mode: FloorMode;
	calls: number;
	callsPerSecond: number;
	baseUrl: string;
	officialAccount: string;
	idsPerCall: number;
	/** Needed by fetchKeepAlive, which signs requests itself with the credential's authenticate(). */
	credentialType?: ICredentialType;
}

const PATH = '/v4/official_account_open_http_svc/delete_subscriber';

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
		const credentials = settings.mode === 'fetchKeepAlive' ? await this.getCredentials('tencentChatApi') : undefined;
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
			if (typeof authenticate !== 'function' || !credentials) throw new Error('fetchKeepAlive needs the credential type');
			const signed: IHttpRequestOptions = await authenticate(credentials, { url: `${settings.baseUrl}${PATH}`, method: 'POST' });
			const query = new URLSearchParams(Object.entries(signed.qs ?? {}).map(([key, value]) => [key, String(value)]));
			const response = await fetch(`${settings.baseUrl}${PATH}?${query.toString()}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(body),
			});
			return await response.json();
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
		return [[{ json: { calls: settings.calls, errors }, pairedItem: { item: 0 } }]];
	}

	return { description, execute };
}
