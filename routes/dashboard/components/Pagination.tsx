/** Props of {@linkcode Pagination}. */
export interface PaginationProps {
  page: number;
  perPage: number;
  total: number;
  /** The URL of another page of the same list. */
  hrefFor: (page: number) => string;
  /** What the list holds, plural: "agents", "reports". */
  noun: string;
}

/** Where a list stands and links to the previous and next pages. */
export function Pagination(
  { page, perPage, total, hrefFor, noun }: PaginationProps,
) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  const number = new Intl.NumberFormat("en-GB");

  return (
    <nav class="pagination" aria-label="Pages">
      <span>
        {total === 0
          ? `No ${noun}`
          : `${number.format(first)}–${number.format(last)} of ${
            number.format(total)
          } ${noun}`}
      </span>
      {page > 1
        ? <a href={hrefFor(page - 1)} rel="prev">Previous page</a>
        : null}
      {page < pages
        ? <a href={hrefFor(page + 1)} rel="next">Next page</a>
        : null}
      {pages > 1
        ? <span class="muted">{`Page ${page} of ${pages}`}</span>
        : null}
    </nav>
  );
}
