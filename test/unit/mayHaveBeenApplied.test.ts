// Which failures leave it open whether Tencent carried the request out (so a non-idempotent call is not retried).
import { mayHaveBeenApplied } from '../../nodes/TencentChatOfficialAccount/transport/callFailure';

describe('mayHaveBeenApplied', () => {
	it.each([
		[{ kind: 'timeout', info: '' }, true],
		[{ kind: 'network', networkCode: 'ECONNRESET', info: '' }, true],
		[{ kind: 'network', networkCode: 'EPIPE', info: '' }, true],
		[{ kind: 'network', networkCode: 'ECONNREFUSED', info: '' }, false],
		[{ kind: 'network', networkCode: 'ENOTFOUND', info: '' }, false],
		[{ kind: 'http', httpStatus: 502, info: '' }, true],
		[{ kind: 'http', httpStatus: 408, info: '' }, true],
		[{ kind: 'http', httpStatus: 429, info: '' }, false],
		[{ kind: 'http', httpStatus: 404, info: '' }, false],
		[{ kind: 'api', code: 20005, info: '' }, false],
		[{ kind: 'api', code: 60007, info: '' }, false],
		[{ kind: 'badReply', info: '' }, false],
	] as const)('%j → %s', (failure, expected) => {
		expect(mayHaveBeenApplied(failure)).toBe(expected);
	});
});
