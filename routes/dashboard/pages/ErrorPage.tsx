import { Layout } from "../components/Layout.tsx";

/** A page for a failed request: what went wrong and a way back. */
export function ErrorPage(
  { title, message }: { title: string; message: string },
) {
  return (
    <Layout title={title}>
      <p>{message}</p>
      <p>
        <a href="/">Back to the overview</a>
      </p>
    </Layout>
  );
}
