/** The member's privacy settings, at LinkedIn's path (spec §3). */
export const PERMITTED_SERVICES_PATH = "/psettings/permitted-services";
export const REMOVE_PERMITTED_SERVICE_PATH = `${PERMITTED_SERVICES_PATH}/remove`;
/** The purpose the Remove forms' CSRF token is bound to. */
export const REMOVE_APP_CSRF_PURPOSE = "remove-app";
