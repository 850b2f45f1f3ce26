-- Cold start (issue 11 §2): one row saying whether the grid last stopped cleanly, i.e. every aggregate's stored sums
-- were exact when the (single) silo stopped. A starting silo reads it and clears it in one statement, so a crash
-- afterwards leaves it false and the next start re-reads every child as before.
CREATE TABLE IF NOT EXISTS bedcoord_clean_shutdown
(
    id integer PRIMARY KEY CHECK (id = 1),
    clean boolean NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
