-- The agent list's default order is lower(hostname) with the id breaking
-- ties. An index in exactly that order lets the first page, filtered or
-- not, be read in order and stop after one page instead of sorting the
-- fleet; the status filters' own counts use agents_last_seen_idx and
-- agents_pending_idx.
CREATE INDEX agents_list_order_idx ON agents (lower(hostname), id);

-- Searches match any part of a hostname ('%text%'), which no btree can
-- serve, so the pattern index only cost writes.
DROP INDEX agents_hostname_idx;
