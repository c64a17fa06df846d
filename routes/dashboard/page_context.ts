/**
 * What a page needs to know while it renders, and what it records for the
 * layout: whether it placed islands or times, so pages without them ship
 * no JavaScript.
 *
 * @module
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** The signed-in admin, as pages show them. */
export interface PageUser {
  username: string;
}

/** Per-request render state shared by the layout and the components. */
export interface PageContext {
  /** URL prefix of this build's assets, ending without a slash. */
  assetBase: string;
  /** The signed-in admin, or null on the login page. */
  user: PageUser | null;
  /** Path and query of the page, to mark the current nav entry. */
  path: string;
  /** Set during rendering when a page places an island. */
  usesIslands: boolean;
  /** Set during rendering when a page shows a relative time. */
  usesTimes: boolean;
}

/** Carries the render state to every component of one page. */
export const PageContextValue = createContext<PageContext | null>(null);

/** The render state of the page being rendered. */
export function usePage(): PageContext {
  const page = useContext(PageContextValue);
  if (!page) throw new Error("Component rendered outside a dashboard page");
  return page;
}
