// How Official Account → Get reads get_official_account_info replies whose shape Tencent does not pin down.
import { contractFor } from '../../nodes/TencentChatOfficialAccount/actions/officialAccount/get.operation';
import type { IdOutcome } from '../../nodes/TencentChatOfficialAccount/engine/bulk/types';

function read(ids: string[], reply: Record<string, unknown>): Map<string, IdOutcome> {
	const into = new Map<string, IdOutcome>();
	contractFor([]).readReply({ target: '', ids }, reply, into);
	return into;
}

describe('Get official accounts: reading the reply', () => {
	it('matches entries by their Official_Account, in any order', () => {
		const out = read(['@TOA#_a', '@TOA#_b'], {
			OfficialAccountInfoList: [
				{ Official_Account: '@TOA#_b', ErrorCode: 0, Name: 'B' },
				{ Official_Account: '@TOA#_a', ErrorCode: 0, Name: 'A', SubscriberNum: 3 },
			],
		});
		expect(out.get('@TOA#_a')).toEqual({ status: 'found', ok: true, result: 0, fields: { name: 'A', subscriberCount: 3 } });
		expect(out.get('@TOA#_b')?.fields).toEqual({ name: 'B' });
	});

	it('matches entries without IDs by position when there is one per ID asked for', () => {
		const out = read(['@TOA#_a', '@TOA#_b'], { OfficialAccountInfoList: [{ Name: 'A' }, { ErrorCode: 130004, ErrorInfo: 'gone' }] });
		expect(out.get('@TOA#_a')?.fields).toEqual({ name: 'A' });
		expect(out.get('@TOA#_b')).toMatchObject({ ok: false, status: 'failed', code: '130004', result: 130004, reason: expect.stringMatching(/does not exist/) });
	});

	it('fails every ID (never drops one) when entries cannot be matched', () => {
		const out = read(['@TOA#_a', '@TOA#_b'], { OfficialAccountInfoList: [{ Name: 'A' }] });
		expect([...out.values()].map((outcome) => outcome.code)).toEqual(['NO_RESULT', 'NO_RESULT']);
		expect(read(['@TOA#_a'], {}).get('@TOA#_a')?.code).toBe('NO_RESULT');
	});
});
