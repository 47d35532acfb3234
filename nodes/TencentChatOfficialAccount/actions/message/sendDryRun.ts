import type { IDataObject } from 'n8n-workflow';

import { listEntries } from '../../engine/pages';
import { ItemFailure } from '../../engine/perItem';
import { ACCOUNT_FIELD, COMMANDS, GET_ACCOUNT_INFO } from '../../tencent/contract';
import { describeErrorCode } from '../../tencent/errorCodes';
import type { TencentClient } from '../../transport';

/**
 * Message → Send with Dry Run: the exact request body and how many subscribers it would reach (from
 * `get_official_account_info`), without sending. Useful before a first broadcast and when an AI agent prepares one.
 */
export async function sendDryRun(client: TencentClient, officialAccount: string, body: IDataObject): Promise<IDataObject | ItemFailure> {
	const reply = await client.call(COMMANDS.getOfficialAccountInfo, {
		[GET_ACCOUNT_INFO.idList]: [{ [GET_ACCOUNT_INFO.resultAccount]: officialAccount }],
		[GET_ACCOUNT_INFO.responseFilter]: { [GET_ACCOUNT_INFO.baseInfoFilter]: [ACCOUNT_FIELD.subscriberNum] },
	});
	const entry = listEntries(reply, GET_ACCOUNT_INFO.resultList)[0];
	const code = Number(entry?.[GET_ACCOUNT_INFO.resultErrorCode] ?? 0);
	if (code !== 0) {
		const meaning = describeErrorCode(code, COMMANDS.getOfficialAccountInfo).meaning;
		return new ItemFailure(`Dry run: ${officialAccount} could not be read (code ${code}): ${meaning}`, 'Check the Official Account ID; nothing was sent.', undefined, {
			errorCode: String(code),
		});
	}
	const count = Number(entry?.[ACCOUNT_FIELD.subscriberNum]);
	return { officialAccount, dryRun: true, body, audience: Number.isFinite(count) ? count : null };
}
