-- Where each polled table's reader stands: the (updated_at, id) of the last row accepted, as the
-- source database printed them (text keeps full precision and any id type). Saved in the same
-- transaction as the page's claims, so a crash resumes exactly after the last committed page.
CREATE TABLE poll_cursors (
  name       text        PRIMARY KEY,
  cursor_ts  text        NOT NULL,
  cursor_id  text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
