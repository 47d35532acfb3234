// The trigger's filters (Official Accounts, Ignore REST API Actions) in a real n8n-core WebhookContext: a skipped
// callback is treated like an unselected one, answered OK or forwarded.
import type { INodeParameters } from 'n8n-workflow';

import { runWebhook } from '../engine/runWebhook';
import { AFTER_ADD, credentials, signedQuery, subscriberBody } from './fixtures';
import { startForwardStub } from './forwardStub';

const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const MINE = '@TOA#_mine';

function call(options: Record<string, unknown>, optPlatform: string, account = MINE) {
	const body = { ...subscriberBody(AFTER_ADD, ['u1']), Official_Account: account };
	const parameters: INodeParameters = { events: [AFTER_ADD], respond: 'onReceived', options: options as INodeParameters };
	return runWebhook({ parameters, credentials, typeVersion: 2, request: { query: signedQuery(AFTER_ADD, { OptPlatform: optPlatform }), body } });
}

describe('trigger filters', () => {
	describe('Ignore REST API Actions', () => {
		it('skips a callback caused by a REST API call, before reading the credential', async () => {
			const { result, credentialsHelper } = await call({ ignoreRestApiActions: true }, 'RESTAPI');
			expect(result).toEqual({ webhookResponse: ACK });
			expect(credentialsHelper.decryptions).toBe(0);
		});

		it('runs callbacks from the apps', async () => {
			const { result } = await call({ ignoreRestApiActions: true }, 'iOS');
			expect(result.workflowData?.[0][0].json).toMatchObject({ OptPlatform: 'iOS', Official_Account: MINE });
		});

		it('is off by default', async () => {
			const { result } = await call({}, 'RESTAPI');
			expect(result.workflowData?.[0]).toHaveLength(1);
		});
	});

	describe('Official Accounts', () => {
		it('runs only callbacks for the listed accounts', async () => {
			const listed = await call({ officialAccounts: [MINE, '@TOA#_other_mine'] }, 'Web');
			const notListed = await call({ officialAccounts: [MINE] }, 'Web', '@TOA#_someone_else');
			expect(listed.result.workflowData?.[0]).toHaveLength(1);
			expect(notListed.result).toEqual({ webhookResponse: ACK });
		});

		it('runs every account when empty', async () => {
			const { result } = await call({ officialAccounts: [] }, 'Web', '@TOA#_any');
			expect(result.workflowData?.[0]).toHaveLength(1);
		});
	});

	it('forwards a skipped callback when forwarding is set', async () => {
		const stub = await startForwardStub();
		try {
			const byAccount = await call({ officialAccounts: [MINE], forwardUrl: stub.url }, 'Web', '@TOA#_someone_else');
			const byPlatform = await call({ ignoreRestApiActions: true, forwardUrl: stub.url }, 'RESTAPI');
			expect([byAccount.result, byPlatform.result]).toEqual([{ noWebhookResponse: true }, { noWebhookResponse: true }]);
			expect(stub.requests).toHaveLength(2);
			expect(JSON.parse(stub.requests[0].body.toString('utf8')).Official_Account).toBe('@TOA#_someone_else');
		} finally {
			await stub.stop();
		}
	});
});
