/**
 * Browser boot script: hydrates every island the server rendered. Each
 * island element names its module and carries its props as JSON; once an
 * island is live the element gains `data-hydrated`, which tests wait for.
 *
 * @module
 */
import { h, hydrate } from "preact";

/** Hydrates one server-rendered island element with its module's export. */
async function hydrateIsland(element: HTMLElement): Promise<void> {
  const source = element.dataset.src;
  if (!source) return;

  const module = await import(source);
  const props = JSON.parse(element.dataset.props ?? "{}");
  hydrate(h(module.default, props), element);
  element.dataset.hydrated = "";
}

const elements = document.querySelectorAll<HTMLElement>("cefleet-island");
for (const element of elements) {
  // One broken island must not keep the others from coming alive.
  hydrateIsland(element).catch((error) => console.error(error));
}
