-- The votes of a state are read by walking the decisions (11,000 rows in the bundled record)
-- and looking each one's row up by the primary key (decision_id, import_id, state): the query
-- behind `plenary country UKR` takes 13-24 ms that way against 12-20 ms through an index on
-- (state, decision_id), and the verb the same CPU time (issue 3, section 6). Dropping that
-- index halves what SQLite builds when all of unvotes is imported (870,109 rows: one B-tree
-- instead of two, and no sort of every row, which took 0.5 s).
DROP INDEX IF EXISTS votes_state;
