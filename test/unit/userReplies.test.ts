// How User → Check and User → Import read Tencent's replies: per-ID ResultCode and AccountStatus, FailAccounts.
import { contract as checkContract } from '../../nodes/TencentChatOfficialAccount/actions/user/check.operation';
import { contract as importContract } from '../../nodes/TencentChatOfficialAccount/actions/user/import.operation';
import type { BulkBatch, BulkContract, IdOutcome } from '../../nodes/TencentChatOfficialAccount/engine/bulk/types';
import type { TencentReplyEnvelope } from '../../nodes/TencentChatOfficialAccount/tencent/contract';

function read(contract: BulkContract, ids: string[], reply: TencentReplyEnvelope): Map<string, IdOutcome> {
	const batch: BulkBatch = { target: '', ids };
	const outcomes = new Map<string, IdOutcome>();
	contract.readReply(batch, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...reply }, outcomes);
	return outcomes;
}

describe('account_check reply', () => {
	const item = (UserID: string, fields: Record<string, unknown>) => ({ UserID, ResultCode: 0, ResultInfo: '', ...fields });

	it('Imported / NotImported become imported true / false, whatever the order of ResultItem', () => {
		const outcomes = read(checkContract, ['a', 'b'], { ResultItem: [item('b', { AccountStatus: 'NotImported' }), item('a', { AccountStatus: 'Imported' })] });
		expect(outcomes.get('a')).toMatchObject({ ok: true, fields: { imported: true } });
		expect(outcomes.get('b')).toMatchObject({ ok: true, fields: { imported: false } });
	});

	it("an ID's own ResultCode, an unknown AccountStatus and a missing entry are that ID's failures", () => {
		const outcomes = read(checkContract, ['coded', 'odd', 'missing'], {
			ResultItem: [item('coded', { ResultCode: 70107, AccountStatus: '' }), item('odd', { AccountStatus: 'Frozen' })],
		});
		expect(outcomes.get('coded')).toMatchObject({ ok: false, code: '70107', result: 70107, reason: expect.stringMatching(/never imported/) });
		expect(outcomes.get('odd')).toMatchObject({ ok: false, code: 'UNKNOWN_STATUS', reason: expect.stringContaining('"Frozen"') });
		expect(outcomes.get('missing')).toMatchObject({ ok: false, code: 'NO_RESULT' });
	});
});

describe('multiaccount_import reply', () => {
	it('the UserIDs in FailAccounts failed, all others were imported; no FailAccounts means none failed', () => {
		const some = read(importContract, ['a', 'b', 'c'], { FailAccounts: ['b'] });
		expect([...some].map(([id, outcome]) => [id, outcome.status])).toEqual([
			['a', 'imported'],
			['b', 'failed'],
			['c', 'imported'],
		]);
		const none = read(importContract, ['a'], {});
		expect(none.get('a')).toMatchObject({ ok: true, status: 'imported' });
	});

	it('sends each ID with its own details only', () => {
		const body = importContract.body({ target: '', ids: ['a', 'b'], details: new Map([['b', { Nick: 'Bee' }]]) });
		expect(body).toEqual({ AccountList: [{ UserID: 'a' }, { UserID: 'b', Nick: 'Bee' }] });
	});
});
