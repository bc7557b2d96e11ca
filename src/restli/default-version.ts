/**
 * The `LinkedIn-Version` month (`YYYYMM`) Regula answers by default and the reference
 * archiver sends: the version LinkedIn pins the Sales Navigator compliance endpoints to
 * (https://learn.microsoft.com/en-us/linkedin/marketing/versioning). A leaf module, so the
 * configuration, the Rest.li layer, HTTP and the archiver (a client of the public API only)
 * all take it from here.
 */
export const DEFAULT_VERSION_MONTH = "202310";

/** The same month as LinkedIn prints it in error messages (`YYYYMM01`). */
export const DEFAULT_VERSION_MONTH_DATE = `${DEFAULT_VERSION_MONTH}01`;
