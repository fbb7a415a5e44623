-- An application's own first migration at Flyway's default location (classpath:db/migration),
-- as a Spring Boot application has it: FlywayCoexistenceIT runs it beside payscore's.
CREATE TABLE rental (
  order_no    text        NOT NULL,
  returned_at timestamptz,
  CONSTRAINT rental_pk PRIMARY KEY (order_no)
);
