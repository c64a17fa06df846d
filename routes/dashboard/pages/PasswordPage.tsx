import { Layout } from "../components/Layout.tsx";
import { Notice } from "../components/Notice.tsx";

/** Props of {@linkcode PasswordPage}. */
export interface PasswordPageProps {
  /** The admin signed in with a one-time password and must replace it. */
  forced: boolean;
  /** Where to go once a forced change is done. */
  next?: string;
  error?: string;
  changed?: boolean;
}

/** Smallest new password, as the API enforces it. */
export const MIN_PASSWORD_LENGTH = 12;

/** Change one's own password; the first sign-in must pass through here. */
export function PasswordPage(
  { forced, next, error, changed }: PasswordPageProps,
) {
  return (
    <Layout title={forced ? "Choose a new password" : "Change your password"}>
      {forced
        ? (
          <Notice>
            You signed in with a one-time password. Choose your own password to
            continue.
          </Notice>
        )
        : null}
      {changed
        ? <Notice tone="success">Your password was changed.</Notice>
        : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form method="post" action="/account/password" class="stack card">
        {forced && next
          ? <input type="hidden" name="next" value={next} />
          : null}
        <label>
          Current password
          <input
            type="password"
            name="current_password"
            autocomplete="current-password"
            required
          />
        </label>
        <div class="field">
          <label>
            New password
            <input
              type="password"
              name="new_password"
              autocomplete="new-password"
              minLength={MIN_PASSWORD_LENGTH}
              aria-describedby="new-password-hint"
              required
            />
          </label>
          <span id="new-password-hint" class="muted">
            {`At least ${MIN_PASSWORD_LENGTH} characters`}
          </span>
        </div>
        <label>
          New password again
          <input
            type="password"
            name="confirm_password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <div>
          <button type="submit">Change password</button>
        </div>
      </form>
    </Layout>
  );
}
