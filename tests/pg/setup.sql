-- Schema of the PostgreSQL adapter tests (loaded into the private test server).
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN yesno AS boolean;
CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric(10, 2), added date);
INSERT INTO items SELECT g, 'item ' || g, g * 1.25, date '2024-01-01' + g FROM generate_series(1, 50) g;
CREATE SCHEMA "Odd Schema";
CREATE TABLE "Odd Schema"."Mixed.Name" (x integer, "y y" text);
INSERT INTO "Odd Schema"."Mixed.Name" VALUES (1, 'one'), (2, 'two');
