-- One round trip for bench/run-pgbench-ceiling.sh: a prepared SELECT 1, nothing read from a table, nothing written.
-- The rate of these is what the server and the loopback connection cost per statement before any work.
SELECT 1;
