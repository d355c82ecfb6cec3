CREATE TABLE business (bid bigint, business_id text, name text, city text, state text, rating real, review_count bigint, is_open bigint);
CREATE TABLE category (id bigint, business_id text, category_name text);
CREATE TABLE users (uid bigint, user_id text, name text);
CREATE TABLE review (rid bigint, business_id text, user_id text, rating real, text text, year bigint, month text);
INSERT INTO business VALUES (1,'b1','Blue Cafe','Dallas','TX',4.5,120,1),(2,'b2','Red Grill','Austin','TX',3.5,80,1),(3,'b3','Green Bowl','Dallas','TX',4.0,45,0),(4,'b4','Sun Diner','Phoenix','AZ',3.0,200,1);
INSERT INTO category VALUES (1,'b1','Cafe'),(2,'b2','Steakhouse'),(3,'b3','Vegan'),(4,'b4','Diner'),(5,'b1','Breakfast');
INSERT INTO users VALUES (1,'u1','Amy'),(2,'u2','Ben'),(3,'u3','Cara');
INSERT INTO review VALUES (1,'b1','u1',5,'great',2021,'May'),(2,'b1','u2',4,'good',2022,'June'),(3,'b2','u1',3,'ok',2022,'July'),(4,'b4','u3',2,'meh',2021,'May'),(5,'b3','u2',4,'nice',2022,'March');
INSERT INTO users SELECT g, 'u' || g, 'Person ' || g FROM generate_series(10, 130) AS g;
