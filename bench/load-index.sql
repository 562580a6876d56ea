-- Rebuilds the indexes of one table (psql variable table) that bench/load.sql dropped, then vacuums and analyses
-- it: a database that grew over months has had its tables vacuumed, and without this autovacuum's first pass over
-- the freshly inserted rows would run during the first scenarios. bench/run.sh runs it for both tables at once, the
-- events' primary key with parallel workers (psql variable workers), since a table's index builds and its VACUUM
-- exclude each other but not the other table's (a tenth of the data set on PostgreSQL 15, seven alternated rounds,
-- bench/load-finish.sql included, the first two with 1 GB of maintenance_work_mem for the events as before, the
-- other five as here: medians 9.0 s one table after the other, 7.2 s both at once; ranges 7.8-11.1 and 6.4-8.9 s).
\set ON_ERROR_STOP on
SET maintenance_work_mem = '512MB';
SET max_parallel_maintenance_workers = :workers;
SELECT ddl FROM bench_indexes WHERE tab = :'table' \gexec
VACUUM ANALYZE :"table";
