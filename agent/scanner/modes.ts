/**
 * The one table where standard and strict modes differ.
 *
 * Every check has a row. A row gives, per mode, the check's severity (its
 * weight in the score), the outcome when the device is out of line
 * (`violation`), and any numeric limits the check compares against. Checks
 * read their row through the context; they never branch on the mode name.
 *
 * @module
 */
import type { ComplianceMode, Severity } from "../../shared/report.ts";

/** How one check behaves in one mode. */
export interface ModeRule {
  /** Weight of the check in its control's score. */
  severity: Severity;
  /**
   * Outcome when the device does not meet the check; `info` for checks
   * that only report what Cyber Essentials does not require.
   */
  violation: "warn" | "fail" | "info";
  /** Numeric thresholds, named after what they bound. */
  limits?: Readonly<Record<string, number>>;
}

/** A check's behaviour in both modes. */
export interface ModeRow {
  /** What the row governs, as `--help` shows it. */
  summary: string;
  standard: ModeRule;
  strict: ModeRule;
}

/** Rules read by the scanner, keyed by check id. */
export type ModeTable = Readonly<Record<string, ModeRow>>;

function same(rule: ModeRule): Pick<ModeRow, "standard" | "strict"> {
  return { standard: rule, strict: rule };
}

const FIREWALL_ROWS: ModeTable = {
  "firewalls.enabled": {
    summary: "Host firewall on for every profile or interface",
    ...same({ severity: "critical", violation: "fail" }),
  },
  "firewalls.inbound_default_block": {
    summary: "Unsolicited inbound connections blocked by default",
    ...same({ severity: "high", violation: "fail" }),
  },
  "firewalls.inbound_rules": {
    summary: "No inbound rule opens a remote-access port to any address",
    standard: { severity: "medium", violation: "warn" },
    strict: { severity: "high", violation: "fail" },
  },
};

const SECURE_CONFIGURATION_ROWS: ModeTable = {
  "secure_configuration.guest_account": {
    summary: "Guest account disabled",
    ...same({ severity: "high", violation: "fail" }),
  },
  "secure_configuration.empty_passwords": {
    summary: "No enabled account has an empty password",
    ...same({ severity: "critical", violation: "fail" }),
  },
  "secure_configuration.autorun": {
    summary: "Auto-run of removable media disabled",
    standard: { severity: "medium", violation: "fail" },
    strict: { severity: "high", violation: "fail" },
  },
  "secure_configuration.screen_lock": {
    summary: "Unlocking the device needs credentials",
    ...same({ severity: "high", violation: "fail" }),
  },
  "secure_configuration.brute_force": {
    summary: "Lockout after at most max_failed_attempts failed logons",
    standard: {
      severity: "high",
      violation: "fail",
      limits: { max_failed_attempts: 10 },
    },
    strict: {
      severity: "high",
      violation: "fail",
      limits: { max_failed_attempts: 5 },
    },
  },
  "secure_configuration.remote_login": {
    summary: "SSH refuses root password logins and throttles password guesses",
    standard: { severity: "medium", violation: "warn" },
    strict: { severity: "high", violation: "fail" },
  },
  "secure_configuration.listening_services": {
    summary: "Listening network services listed for review (information)",
    ...same({ severity: "low", violation: "info" }),
  },
  "secure_configuration.disk_encryption": {
    summary: "Disk encryption state listed (information; not required)",
    ...same({ severity: "low", violation: "info" }),
  },
};

// Rows of the user access control checks.
const USER_ACCESS_CONTROL_ROWS: ModeTable = {
  "user_access_control.password_length": {
    summary: "Passwords need min_length_with_deny_list characters when " +
      "common passwords are blocked, min_length otherwise",
    standard: {
      severity: "high",
      violation: "fail",
      limits: { min_length_with_deny_list: 8, min_length: 12 },
    },
    strict: {
      severity: "high",
      violation: "fail",
      limits: { min_length_with_deny_list: 12, min_length: 14 },
    },
  },
  "user_access_control.password_rules": {
    summary: "Password expiry and complexity rules listed (information)",
    ...same({ severity: "low", violation: "info" }),
  },
  "user_access_control.admin_separation": {
    summary: "The everyday (console) user is not an administrator",
    standard: { severity: "medium", violation: "warn" },
    strict: { severity: "high", violation: "fail" },
  },
  "user_access_control.builtin_admin": {
    summary: "Built-in Administrator disabled or renamed; root password locked",
    standard: { severity: "high", violation: "warn" },
    strict: { severity: "high", violation: "fail" },
  },
  "user_access_control.inactive_accounts": {
    summary: "No enabled account unused for more than max_inactive_days days",
    standard: {
      severity: "medium",
      violation: "warn",
      limits: { max_inactive_days: 90 },
    },
    strict: {
      severity: "medium",
      violation: "fail",
      limits: { max_inactive_days: 90 },
    },
  },
};

// Rows of the malware protection checks.
const MALWARE_PROTECTION_ROWS: ModeTable = {
  "malware_protection.anti_malware": {
    summary: "Anti-malware present and on, or application allow-listing",
    ...same({ severity: "critical", violation: "fail" }),
  },
  "malware_protection.real_time": {
    summary: "Files scanned on access (real-time protection)",
    ...same({ severity: "high", violation: "fail" }),
  },
  "malware_protection.signatures": {
    summary: "Signatures at most max_signature_age_days days old",
    standard: {
      severity: "high",
      violation: "fail",
      limits: { max_signature_age_days: 7 },
    },
    strict: {
      severity: "high",
      violation: "fail",
      limits: { max_signature_age_days: 3 },
    },
  },
};

// Rows of the security update management checks.
const SECURITY_UPDATE_MANAGEMENT_ROWS: ModeTable = {
  "security_update_management.os_supported": {
    summary: "Operating system supported (an ended one always fails; the " +
      "rule applies to paid extended support; warn ending_soon_days ahead)",
    standard: {
      severity: "critical",
      violation: "warn",
      limits: { ending_soon_days: 0 },
    },
    strict: {
      severity: "critical",
      violation: "fail",
      limits: { ending_soon_days: 90 },
    },
  },
  "security_update_management.automatic_updates": {
    summary: "Automatic updates on",
    standard: { severity: "high", violation: "warn" },
    strict: { severity: "high", violation: "fail" },
  },
  "security_update_management.pending_updates": {
    summary: "Critical or high fixes older than max_fix_age_days always " +
      "fail; the rule applies to newer or undated pending security fixes; " +
      "package lists older than max_list_age_days cannot show none pending",
    standard: {
      severity: "critical",
      violation: "warn",
      limits: { max_fix_age_days: 14, max_list_age_days: 7 },
    },
    strict: {
      severity: "critical",
      violation: "fail",
      limits: { max_fix_age_days: 14, max_list_age_days: 7 },
    },
  },
};

/** Standard and strict rules of every check, keyed by check id. */
export const MODE_TABLE: ModeTable = {
  ...FIREWALL_ROWS,
  ...SECURE_CONFIGURATION_ROWS,
  ...USER_ACCESS_CONTROL_ROWS,
  ...MALWARE_PROTECTION_ROWS,
  ...SECURITY_UPDATE_MANAGEMENT_ROWS,
};

/**
 * The rule of a check in a mode.
 *
 * @throws {Error} when the check has no row: every check must be declared
 * here, so the difference between modes stays in one place.
 */
export function modeRule(
  checkId: string,
  mode: ComplianceMode,
  table: ModeTable = MODE_TABLE,
): ModeRule {
  const row = table[checkId];
  if (!row) throw new Error(`Check "${checkId}" has no row in the mode table`);
  return row[mode];
}

/** The mode table as plain text lines, for `--help` and the docs. */
export function describeModes(table: ModeTable = MODE_TABLE): string[] {
  const header = ["check", "standard", "strict"];
  const rows = Object.entries(table).map(([id, row]) => [
    id,
    describeRule(row.standard),
    describeRule(row.strict),
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((r) => r[i].length))
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}

function describeRule(rule: ModeRule): string {
  const limits = Object.entries(rule.limits ?? {})
    .map(([name, value]) => `${name}=${value}`);
  return [rule.violation, rule.severity, ...limits].join(" ");
}
