-- The application's own first migration: Boot's Flyway runs it from db/migration, payscore's
-- scripts live elsewhere (classpath:dev/payscore/migrations/sql, schema payscore, own history).
CREATE TABLE rental (
  out_order_no varchar(32) PRIMARY KEY,
  status       varchar(16) NOT NULL,
  fee          bigint
);
