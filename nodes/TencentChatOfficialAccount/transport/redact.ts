/**
 * Texts that come from outside (Tencent's ErrorInfo, socket error messages) could carry the request URL.
 * Strip anything that looks like a UserSig or a secret key before it reaches a message, an item or a log.
 */
const USERSIG_QUERY = /usersig=[^&\s"']*/gi;
/** UserSigs and secret keys are long runs of base64 / hex characters; no useful message text is. */
const LONG_TOKEN = /[A-Za-z0-9*_\-+/=]{48,}/g;

export function redactSecrets(text: string): string {
	return text.replace(USERSIG_QUERY, 'usersig=[redacted]').replace(LONG_TOKEN, '[redacted]');
}
