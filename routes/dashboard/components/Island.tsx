import type { ComponentProps, FunctionComponent } from "preact";
import { type IslandName, ISLANDS } from "../islands.ts";
import { islandEntry, outputPath } from "../assets/bundler.ts";
import { usePage } from "../page_context.ts";

/** Props of the island wrapper: which island, and its serialisable props. */
export interface IslandProps<N extends IslandName> {
  name: N;
  props: ComponentProps<typeof ISLANDS[N]>;
}

/**
 * Renders an island on the server inside an element that names its browser
 * module and carries its props as JSON, for the boot script to hydrate.
 */
export function Island<N extends IslandName>(
  { name, props }: IslandProps<N>,
) {
  const page = usePage();
  page.usesIslands = true;

  // The registry's union type cannot be narrowed by name, so the component
  // is widened once here; `props` was checked against it by the caller.
  const Component = ISLANDS[name] as unknown as FunctionComponent<
    Record<string, unknown>
  >;
  const source = `${page.assetBase}/${outputPath(islandEntry(name))}`;
  return (
    <cefleet-island
      data-island={name}
      data-src={source}
      data-props={JSON.stringify(props)}
    >
      <Component {...(props as unknown as Record<string, unknown>)} />
    </cefleet-island>
  );
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "cefleet-island": HTMLAttributes<HTMLElement>;
    }
  }
}
