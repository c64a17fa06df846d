import type { User } from "../../../shared/api.ts";
import type { EnrollSecret } from "../../../controller/services/enrollment.ts";
import { Island } from "../components/Island.tsx";
import { Layout } from "../components/Layout.tsx";
import { Notice } from "../components/Notice.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { Time } from "../components/Time.tsx";
import { MIN_PASSWORD_LENGTH } from "./PasswordPage.tsx";

/** Props of {@linkcode SettingsPage}. */
export interface SettingsPageProps {
  secrets: EnrollSecret[];
  users: User[];
  currentUserId: string;
  /** This controller's URL as agents should reach it. */
  controllerUrl: string;
  /** A secret just created: the only time it can be shown. */
  created?: { name: string; secret: string };
  /** A password just reset: the only time it can be shown. */
  temporaryPassword?: { username: string; password: string };
  notice?: string;
  error?: string;
}

/**
 * Where the page suggests keeping the enrollment secret on Linux: the
 * agent reads files only inside its own folders.
 */
export const SECRET_FILE = "/etc/cefleet/enroll-secret";

/**
 * The command an endpoint runs to join the fleet. The secret is read from
 * a file, since a command line is visible to other local users and is kept
 * in shell history.
 */
export function registerCommand(
  controllerUrl: string,
  secretFile: string = SECRET_FILE,
): string {
  return `cefleet-agent register --controller ${controllerUrl} ` +
    `--enroll-secret-file ${secretFile}`;
}

/** Enrollment secrets, admin users and a link to one's own password. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <Layout title="Settings">
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.error ? <Notice tone="error">{props.error}</Notice> : null}
      <Secrets {...props} />
      <Users {...props} />
      <section class="card" aria-labelledby="own-heading">
        <h2 id="own-heading">Your password</h2>
        <p>
          <a href="/account/password">Change your password</a>
        </p>
      </section>
    </Layout>
  );
}

function Secrets(props: SettingsPageProps) {
  return (
    <section class="card" aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">Enrollment secrets</h2>
      <p>
        An agent presents an enrollment secret when it registers. Revoking a
        secret stops new registrations with it; agents already registered keep
        working.
      </p>
      {props.created
        ? (
          <div class="notice success" data-testid="new-secret">
            <p>
              {`Secret "${props.created.name}" was created. It is shown only `}
              now:
            </p>
            <Island
              name="CopyText"
              props={{ label: "Enrollment secret", text: props.created.secret }}
            />
            <p>
              On each endpoint, as root, save it in <code>{SECRET_FILE}</code>
              {" "}
              (on macOS and Windows, in the agent's configuration folder) so
              that only root can read it, then run:
            </p>
            <Island
              name="CopyText"
              props={{
                label: "Register command",
                text: registerCommand(props.controllerUrl),
              }}
            />
            <p>
              Deployment tools can instead set{" "}
              <code>CEFLEET_ENROLL_SECRET</code>{" "}
              to the secret in the agent's environment and run{" "}
              <code>
                cefleet-agent register --controller {props.controllerUrl}
              </code>. Avoid{" "}
              <code>--enroll-secret</code>: other local users can see a command
              line, and the shell keeps it in its history.
            </p>
          </div>
        )
        : null}
      <form method="post" action="/settings/secrets" class="filters">
        <label>
          Secret name
          <input
            type="text"
            name="name"
            required
            maxLength={100}
            placeholder="e.g. London office"
          />
        </label>
        <button type="submit">Create secret</button>
      </form>
      {props.secrets.length === 0
        ? <p class="muted">No enrollment secrets yet.</p>
        : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col" class="num">Uses</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {props.secrets.map((secret) => (
                  <tr key={secret.id}>
                    <th scope="row">{secret.name}</th>
                    <td>
                      <Time value={secret.created_at} />
                    </td>
                    <td>
                      <Time value={secret.last_used_at} />
                    </td>
                    <td class="num">{secret.uses}</td>
                    <td>
                      <form
                        method="post"
                        action={`/settings/secrets/${secret.id}/revoke`}
                      >
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={`Revoke secret ${secret.name}`}
                        >
                          Revoke
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

function Users(props: SettingsPageProps) {
  return (
    <section class="card" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      {props.temporaryPassword
        ? (
          <div class="notice success">
            <p>
              {`Temporary password for ${props.temporaryPassword.username}, `}
              shown only now. They must change it when they sign in:
            </p>
            <Island
              name="CopyText"
              props={{
                label: "Temporary password",
                text: props.temporaryPassword.password,
              }}
            />
          </div>
        )
        : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.username}</th>
                <td>{user.email ?? ""}</td>
                <td>
                  <StatusBadge
                    status={user.is_active ? "active" : "disabled"}
                  />
                  {user.must_change_password
                    ? <span class="muted">(must change password)</span>
                    : null}
                </td>
                <td>
                  <Time value={user.created_at} />
                </td>
                <td>
                  {user.id === props.currentUserId
                    ? <a href="/account/password">Change your password</a>
                    : <UserActions user={user} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Add a user</h3>
      <form method="post" action="/settings/users" class="filters">
        <label>
          Username
          <input
            type="text"
            name="username"
            required
            pattern="[A-Za-z0-9_.@\-]{1,100}"
          />
        </label>
        <label>
          Email (optional)
          <input type="email" name="email" />
        </label>
        <label>
          Temporary password
          <input
            type="password"
            name="password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <button type="submit">Add user</button>
      </form>
      <p class="muted">
        New users must choose their own password when they first sign in.
      </p>
    </section>
  );
}

/**
 * Disable, enable and reset another admin. One's own account has none of
 * them: disabling oneself is refused, and a reset would end one's session.
 */
function UserActions({ user }: { user: User }) {
  return (
    <div class="actions">
      <form
        method="post"
        action={`/settings/users/${user.id}/${
          user.is_active ? "disable" : "enable"
        }`}
      >
        <button type="submit" class="secondary">
          {user.is_active ? "Disable" : "Enable"}
        </button>
      </form>
      <form method="post" action={`/settings/users/${user.id}/reset`}>
        <button
          type="submit"
          class="secondary"
          aria-label={`Reset password of ${user.username}`}
        >
          Reset password
        </button>
      </form>
    </div>
  );
}
