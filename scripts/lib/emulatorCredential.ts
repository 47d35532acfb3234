// Tencent Chat API credential data (as n8n decrypts it) pointing at a local emulator.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_APP } from '../../test/emulator';

/** Region "Custom URL" with the emulator's base URL, the emulator's default app and admin. */
export function emulatorCredentialData(baseUrl: string): ICredentialDataDecryptedObject {
	return {
		sdkAppId: DEFAULT_APP.sdkAppId,
		region: 'custom',
		baseUrl,
		secretKey: DEFAULT_APP.secretKey,
		adminIdentifier: DEFAULT_APP.admins[0],
		userSigValiditySeconds: 86400,
	};
}
