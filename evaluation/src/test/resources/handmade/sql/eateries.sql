CREATE TABLE restaurant (id bigint, name text, food_type text, city_name text, rating real);
CREATE TABLE location (restaurant_id bigint, house_number bigint, street_name text, city_name text);
CREATE TABLE geographic (city_name text, county text, region text);
INSERT INTO restaurant VALUES (1,'Jade Garden','chinese','San Francisco',4.5),(2,'Luigi''s','italian','San Jose',3.9),
 (3,'Pho Real','vietnamese','San Francisco',4.1),(4,'Taco Town','mexican','Oakland',3.2),(5,'Pasta Place','italian','San Francisco',4.8),
 (6,'Dim Sum House','chinese','Oakland',4.0);
INSERT INTO location VALUES (1,12,'Grant Ave','San Francisco'),(2,45,'Main St','San Jose'),(3,7,'Irving St','San Francisco'),
 (4,300,'Broadway','Oakland'),(5,88,'Columbus Ave','San Francisco'),(6,19,'Webster St','Oakland');
INSERT INTO geographic VALUES ('San Francisco','San Francisco','bay area'),('San Jose','Santa Clara','bay area'),('Oakland','Alameda','bay area'),('Fresno','Fresno','central valley');
